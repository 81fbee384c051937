// Issue 18 #2, undo and every later change: a change works on what the lab made only while it is still
// that very object. Someone deletes one of a live lab's namespaces and makes another of its name (with a
// process in it), or puts another interface under a host end's name: `undo` (which would delete them) is
// refused before anything runs, naming the object and what it is now; the rest of the lab is untouched,
// and the bystanders too. The teardown then leaves the bystanders and removes the rest.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { hostStem } from "../../src/interpreter/host-names.js";
import { kernelTestsEnabled, netnsList, RUN_PREFIX, testPrefix } from "../support/kernel.js";
import { liveSessions } from "../support/live-session.js";
import { assertClear } from "../support/machine-state.js";

const lab = testPrefix("idundo");
const mine = () => netnsList().filter((n) => n.startsWith(`${lab}-`));
const live = liveSessions();
const started: number[] = [];
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};
const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });

describe.runIf(kernelTestsEnabled("own-undo.test.ts"))("a change on what is no longer the lab's", () => {
  afterAll(async () => {
    await live.closeAll();
    for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
    for (const ns of mine()) ip("netns", "del", ns);
    const end = `${hostStem(lab, lab)}h0`;
    if (existsSync(`/sys/class/net/${end}`)) ip("link", "del", end);
  });

  it("undo is refused, the lab and the bystanders untouched; teardown leaves the bystanders", async () => {
    assertClear("10.213.91.0/30");
    const session = live.open(lab);
    await live.ok(session, "ns A B");
    await live.ok(session, "link A <-> host 10.213.91.0/30");
    const end = `${hostStem(lab, lab)}h0`;
    // B is deleted and made again by someone else, who runs a process in it.
    ip("netns", "del", `${lab}-B`);
    ip("netns", "add", `${lab}-B`);
    const child = spawn("ip", ["netns", "exec", `${lab}-B`, "sleep", "1111"], { detached: true, stdio: "ignore" });
    child.unref();
    started.push(child.pid as number);

    const undoB = await live.run(session, "undo 2");
    expect(undoB.ok).toBe(false);
    if (!undoB.ok) {
      expect(undoB.error.code).toBe("not-the-labs");
      expect(undoB.error.message).toMatch(
        new RegExp(
          `^namespace ${lab}-B is not the one this lab made \\((it was inode \\d+, it is inode \\d+ now|inode \\d+ is another namespace now, made later)\\)$`,
        ),
      );
    }
    expect(mine().sort()).toEqual([`${lab}-A`, `${lab}-B`]);
    expect(existsSync(`/sys/class/net/${end}`)).toBe(true);
    expect(session.world.nodes.size).toBe(2);

    // The host end likewise: another veth under its name.
    ip("link", "del", end);
    ip("link", "add", end, "type", "veth", "peer", "name", `${RUN_PREFIX}iup`);
    const undoLink = await live.run(session, "undo");
    expect(undoLink.ok).toBe(false);
    if (!undoLink.ok)
      expect(undoLink.error.message).toMatch(new RegExp(`^the machine's ${end} is not the host end this lab made`));
    expect(existsSync(`/sys/class/net/${end}`)).toBe(true);

    const closed = await session.close(false);
    live.forget(session);
    expect(closed.removed).toEqual([`${lab}-A`]);
    expect(mine()).toEqual([`${lab}-B`]);
    expect(alive(child.pid as number)).toBe(true);
    expect(existsSync(`/sys/class/net/${end}`)).toBe(true);
    ip("link", "del", end);
  });
});
