// What a rollback that failed in part left in the kernel outside the World: namespaces and host
// ends it could not remove. The lab record goes on listing them (with the identities the lab knows
// them by), so that the report's catch-all, `netl down LAB`, removes them, and teardown tries them
// again: each only while it is still the very object the lab made.
import type { FailedCommand } from "../diagnostic.js";
import type { NsName } from "../interpreter/ops/lower.js";
import type { World } from "../interpreter/world.js";
import { batchArgv } from "./batch.js";
import type { Executor } from "./executor.js";
import { type IfaceId, identitiesNow, machineLinks, type NsId, sameIface, standings } from "./identity.js";
import { endingLines, endProcessesIn } from "./lingering.js";
import { machineClaims } from "./machine-claims.js";

export interface StrayDirs {
  readonly netnsDir: string;
}

/** The identities the lab knows its objects by (session-record.ts). */
export interface Known {
  ns(name: string): NsId | undefined;
  hostEnd(name: string): IfaceId | undefined;
}

export class Strays {
  readonly namespaces = new Set<string>();
  readonly hostInterfaces = new Set<string>();

  constructor(
    private readonly nsName: NsName,
    private readonly dirs: StrayDirs,
    private readonly known: Known,
  ) {}

  /** After a failed rollback: what the worlds of the change held, the World now lacks, and the kernel still has. */
  note(worlds: readonly World[], world: World): void {
    const gone = new Set<string>();
    for (const w of worlds) for (const node of w.nodes.keys()) if (!world.nodes.has(node)) gone.add(this.nsName(node));
    const present = identitiesNow([...gone], this.dirs.netnsDir);
    for (const ns of gone) if (present.has(ns)) this.namespaces.add(ns);
    const kept = new Set(machineClaims([world], this.nsName).hostInterfaces);
    for (const name of machineClaims(worlds, this.nsName).hostInterfaces)
      if (!kept.has(name) && this.known.hostEnd(name) !== undefined) this.hostInterfaces.add(name);
  }

  /** Delete those still there and still the lab's (what runs in a namespace is ended first); forget the rest. */
  async remove(executor: Executor, note?: (line: string) => void): Promise<FailedCommand[]> {
    const ids = [...this.namespaces].flatMap((ns) => this.known.ns(ns) ?? []);
    const ours = standings(ids, this.dirs.netnsDir)
      .filter((s) => s.kind === "ours")
      .map((s) => s.id);
    const links = this.hostInterfaces.size > 0 ? await machineLinks(executor) : undefined;
    const ends = [...this.hostInterfaces].filter((name) => sameIface(links?.get(name), this.known.hostEnd(name)));
    const ending = await endProcessesIn(ours, { netnsDir: this.dirs.netnsDir });
    for (const line of endingLines(ending, (ns) => ns)) note?.(line);
    const lines = [...ends.map((name) => `link del ${name}`), ...ours.map((ns) => `netns del ${ns.name}`)];
    const failures: FailedCommand[] = [];
    if (lines.length > 0) {
      const argv = batchArgv(undefined, true);
      const r = await executor.run(argv, { input: `${lines.join("\n")}\n` }).catch((e: unknown) => ({
        exitCode: 1,
        stderr: `netl could not run it: ${e instanceof Error ? e.message : String(e)}`,
      }));
      if (r.exitCode !== 0) failures.push({ argv, stderr: r.stderr.trim() });
    }
    // What is no longer the lab's (gone, or something else now) is forgotten: only its own stays listed.
    const still = standings(ids, this.dirs.netnsDir);
    for (const ns of [...this.namespaces])
      if (!still.some((s) => s.kind === "ours" && s.id.name === ns)) this.namespaces.delete(ns);
    const after = this.hostInterfaces.size > 0 ? await machineLinks(executor) : undefined;
    for (const name of [...this.hostInterfaces])
      if (!sameIface(after?.get(name), this.known.hostEnd(name))) this.hostInterfaces.delete(name);
    return failures;
  }
}
