// What `netl down` waits for of a dead netl's batches (runtime/batch-pids.ts): the very processes listed
// that still run; one that has exited and waits to be reaped (a zombie, its parent gone) is not waited for.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awaitBatches } from "../../src/runtime/batch-pids.js";
import { startTime } from "../../src/runtime/proc-stat.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-batch-pids-");

/** A perl that forks a perl which exits at once and is not reaped while the first sleeps: both pids. */
async function parentAndZombie(): Promise<{ parent: number; zombie: number; end: () => void }> {
  const child = spawn("perl", ["-e", "$| = 1; my $pid = fork(); exit 0 if $pid == 0; print qq{$pid\\n}; sleep 30"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const zombie = await new Promise<number>((resolve) => child.stdout.once("data", (d) => resolve(Number(String(d)))));
  return { parent: child.pid as number, zombie, end: () => child.kill("SIGKILL") };
}

describe("a dead netl's batches", () => {
  it("waits for one still running, not for one that has exited and is not reaped", async () => {
    const { parent, zombie, end } = await parentAndZombie();
    try {
      const file = join(temp(), "l.batches");
      const line = (pid: number) => `${pid} ${startTime(pid)}\n`;
      writeFileSync(file, line(zombie));
      expect(await awaitBatches(file, 2_000)).toEqual([]);
      writeFileSync(file, line(zombie) + line(parent));
      expect(await awaitBatches(file, 100)).toEqual([parent]);
    } finally {
      end();
    }
  });
});
