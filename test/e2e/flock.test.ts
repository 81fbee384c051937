// runtime/flock.ts (real flock and perl processes, hence in e2e): a lock held once. A second taker is
// refused (or waits), the holder's release or death frees it at once (a dead holder never blocks), the
// file is made 0600 and never through a link.
import { spawn } from "node:child_process";
import { lstatSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ok } from "../../src/diagnostic.js";
import { flockFile, flockFileSync } from "../../src/runtime/flock.js";
import { MachineLock } from "../../src/runtime/machine-lock.js";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "netl-flock-"));
  path = join(dir, "lock");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const held = async () => {
  const taken = await flockFile(path);
  if (taken.kind !== "held") throw new Error(`not held: ${JSON.stringify(taken)}`);
  return taken.lock;
};

describe("flockFile", () => {
  it("is held once: a second taker is busy until the first releases", async () => {
    const first = await held();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await flockFile(path)).kind).toBe("busy");
    expect(flockFileSync(path).kind).toBe("busy");
    first.release();
    first.release();
    const second = await held();
    second.release();
  });

  it("a taker that waits gets it as soon as the holder lets go", async () => {
    const first = await held();
    const waiting = flockFile(path, { waitSeconds: 10 });
    setTimeout(() => first.release(), 200);
    const got = await waiting;
    expect(got.kind).toBe("held");
    if (got.kind === "held") got.lock.release();
  });

  it("a holder that dies frees it: no stale lock, whatever pid comes next", async () => {
    // Another process holds it (one process: perl's own flock), and is killed.
    const holder = spawn("perl", ["-e", 'open(F, ">>", $ARGV[0]) or die; flock(F, 2) or die; sleep 30', path], {
      stdio: "ignore",
    });
    const probe = async () => {
      const t = await flockFile(path);
      if (t.kind === "held") t.lock.release();
      return t.kind;
    };
    for (let i = 0; i < 200 && (await probe()) !== "busy"; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await flockFile(path)).kind).toBe("busy");
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    const taken = await flockFile(path);
    expect(taken.kind).toBe("held");
    if (taken.kind === "held") taken.lock.release();
  });

  it("never opens through a link; a missing flock program is said, not a crash", async () => {
    const target = join(dir, "target");
    writeFileSync(target, "");
    symlinkSync(target, path);
    const through = await flockFile(path);
    expect(through).toMatchObject({ kind: "unavailable" });
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    const none = await flockFile(join(dir, "other"), { program: join(dir, "no-such-flock") });
    expect(none).toEqual({ kind: "unavailable", why: "flock: ENOENT" });
  });

  it("a flock that cannot even be started is unavailable, not a rejection (a teardown goes on without it)", async () => {
    // node's spawn throws at once for a program name with a NUL byte, as it does when it cannot fork.
    const unstartable = await flockFile(join(dir, "third"), { program: "flo\0ck" });
    expect(unstartable.kind).toBe("unavailable");
    const ran: string[] = [];
    const lock = new MachineLock(join(dir, "machine"), { program: "flo\0ck" }, (why) => ran.push(why));
    expect(await lock.whileHeld(async () => "torn down")).toBe("torn down");
    expect(ran).toHaveLength(1);
  });
});

describe("MachineLock", () => {
  it("one Session holds it again freely; another waits its turn or is refused as busy", async () => {
    const a = new MachineLock(path, { waitSeconds: 0 });
    const b = new MachineLock(path, { waitSeconds: 0 });
    const order: string[] = [];
    const r = await a.around(undefined, async () => {
      order.push("a");
      const inner = await a.around(undefined, async () => ok(order.push("a again")));
      expect(inner.ok).toBe(true);
      const other = await b.around(undefined, async () => ok(order.push("b")));
      expect(other.ok ? "" : other.error.code).toBe("machine-busy");
      return ok(undefined);
    });
    expect(r.ok).toBe(true);
    expect(a.held).toBe(false);
    expect((await b.around(undefined, async () => ok(order.push("b")))).ok).toBe(true);
    expect(order).toEqual(["a", "a again", "b"]);
  });
});
