// What a rollback that failed in part left in the kernel outside the World: namespaces and host
// ends it could not remove. The lab record goes on listing them, so that the report's catch-all,
// `netl down LAB`, removes them, and teardown tries them again.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FailedCommand } from "../diagnostic.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { World } from "../interpreter/world.js";
import { batchArgv } from "./batch.js";
import type { Executor } from "./executor.js";
import { endingLines, endProcessesIn } from "./lingering.js";
import { machineClaims, SYS_NET_DIR } from "./machine-claims.js";

export interface StrayDirs {
  readonly netnsDir: string;
  readonly sysNetDir?: string;
}

export class Strays {
  readonly namespaces = new Set<string>();
  readonly hostInterfaces = new Set<string>();

  constructor(
    private readonly nsName: NsName,
    private readonly dirs: StrayDirs,
  ) {}

  private exists(ns: string): boolean {
    return existsSync(join(this.dirs.netnsDir, ns));
  }

  private onMachine(name: string): boolean {
    return existsSync(join(this.dirs.sysNetDir ?? SYS_NET_DIR, name));
  }

  /** After a failed rollback: what the worlds of the change held, the World now lacks, and the machine still has. */
  note(worlds: readonly World[], world: World): void {
    for (const w of worlds)
      for (const node of w.nodes.keys()) {
        const ns = this.nsName(node);
        if (!world.nodes.has(node) && this.exists(ns)) this.namespaces.add(ns);
      }
    const kept = new Set(machineClaims([world], this.nsName).hostInterfaces);
    for (const name of machineClaims(worlds, this.nsName).hostInterfaces)
      if (!kept.has(name) && this.onMachine(name)) this.hostInterfaces.add(name);
  }

  /** Delete those still there, by name (what runs in a namespace is ended first); forget what is gone. */
  async remove(executor: Executor, note?: (line: string) => void): Promise<FailedCommand[]> {
    const namespaces = [...this.namespaces].filter((ns) => this.exists(ns));
    const ends = [...this.hostInterfaces].filter((name) => this.onMachine(name));
    const ending = await endProcessesIn(namespaces, { netnsDir: this.dirs.netnsDir });
    for (const line of endingLines(ending, (ns) => ns)) note?.(line);
    const lines = [...ends.map((name) => `link del ${name}`), ...namespaces.map((ns) => `netns del ${ns}`)];
    const failures: FailedCommand[] = [];
    if (lines.length > 0) {
      const argv = batchArgv(undefined, true);
      const r = await executor.run(argv, { input: `${lines.join("\n")}\n` }).catch((e: unknown) => ({
        exitCode: 1,
        stderr: `netl could not run it: ${e instanceof Error ? e.message : String(e)}`,
      }));
      if (r.exitCode !== 0) failures.push({ argv, stderr: r.stderr.trim() });
    }
    for (const ns of [...this.namespaces]) if (!this.exists(ns)) this.namespaces.delete(ns);
    for (const name of [...this.hostInterfaces]) if (!this.onMachine(name)) this.hostInterfaces.delete(name);
    return failures;
  }
}
