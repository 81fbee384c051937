// Namespaces made ahead (native/netns.pl, `netns pool N`; runtime/prestart-build.ts): while netl checks a
// script, its namespace maker makes the namespaces of the first change, bound to no name and held only by
// its open files; `netns add NAME` binds the next one. What it binds is what it made ahead (the same
// inode), the batch's lines are counted without the pool's, a lab whose lock another netl holds gets
// none, the batch's arrival stops it, and those left over go with the process.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { flockFileSync } from "../../src/runtime/flock.js";
import { netnsArgv } from "../../src/runtime/netns-helper.js";
import { isRoot, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-netns-pool-");
const P = testPrefix("pool");
const perl = netnsArgv(false, "/nonexistent") !== undefined;
const NETNS_DIR = "/run/netns";
/** How long a test waits for the maker to get somewhere before it fails. */
const WAIT_MS = 10_000;

/** The journal's lines that give a namespace's identity (not the "NAME -" said before its file is made). */
const identityLines = (journal: string) =>
  readFileSync(journal, "utf8")
    .trim()
    .split("\n")
    .filter((l) => !l.endsWith(" -"));

/** The inodes of the files `pid` holds open that are in no folder yet (O_TMPFILE) under /run/netns. */
function heldFiles(pid: number): number[] {
  const inodes: number[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (/^\/run\/netns\/.* \(deleted\)$/.test(readlinkSync(`/proc/${pid}/fd/${fd}`)))
        inodes.push(Number(statSync(`/proc/${pid}/fd/${fd}`).ino));
    } catch {}
  }
  return inodes;
}

/** The namespaces `pid` holds open now: the inodes of its fds that are network namespaces. */
function heldNamespaces(pid: number): number[] {
  const inodes: number[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let link = "";
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const m = /^net:\[(\d+)\]$/.exec(link);
    if (m) inodes.push(Number(m[1]));
  }
  return inodes;
}

interface Maker {
  readonly child: ChildProcess;
  /** Resolves with stderr once it holds `n` lines. */
  errLines(n: number): Promise<string[]>;
  /** Ends its input; resolves with its exit code. */
  end(): Promise<number | null>;
}

/**
 * The maker as a build starts it (force: go on past a failed line), with its lock asked on `lockFd`,
 * under a limit of `files` open files when given.
 */
function maker(journal: string, force: boolean, lockFd?: number, files?: number): Maker {
  const argv = netnsArgv(force, journal) as string[];
  const [file = "", ...args] =
    files === undefined ? argv : ["sh", "-c", `ulimit -n ${files} && exec "$0" "$@"`, ...argv];
  const env = { ...process.env, ...(lockFd === undefined ? {} : { NETL_NETNS_LOCK: "fd3" }) };
  const stdio = ["pipe", "pipe", "pipe", ...(lockFd === undefined ? [] : [lockFd])] as const;
  const child = spawn(file, args, { stdio: [...stdio], env });
  let err = "";
  const waiters: (() => void)[] = [];
  child.stderr?.setEncoding("utf8").on("data", (t: string) => {
    err += t;
    for (const w of waiters) w();
  });
  child.stdout?.resume();
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    child,
    errLines: (n) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${n} lines on stderr: ${err}`)), WAIT_MS);
        const check = () => {
          const lines = err.split("\n").filter(Boolean);
          if (lines.length >= n) {
            clearTimeout(timer);
            resolve(lines);
          }
        };
        waiters.push(check);
        check();
      }),
    end: () => {
      child.stdin?.end();
      return closed;
    },
  };
}

const made: string[] = [];
afterEach(() => {
  for (const name of made.splice(0)) execFileSync("ip", ["netns", "del", name], { stdio: "ignore" });
  expect(netnsList().filter((n) => n.startsWith(P))).toEqual([]);
});

describe.runIf(perl && isRoot)("namespaces made ahead by the maker", () => {
  it("binds to each name a namespace it made ahead; the lines are counted without the pool's", async () => {
    const journal = join(temp(), "lab.made");
    const m = maker(journal, true);
    const pid = m.child.pid as number;
    // A line that fails tells when the pool line before it has been read and done.
    m.child.stdin?.write("netns pool 3\nbogus\n");
    expect((await m.errLines(2))[1]).toBe("Command failed -:1");
    const pooled = heldNamespaces(pid);
    expect(pooled).toHaveLength(3);
    // No name's file yet: the first name makes the one file every name is a link to.
    expect(heldFiles(pid)).toEqual([]);
    const names = [`${P}-a`, `${P}-b`];
    made.push(...names);
    m.child.stdin?.write(`${names.map((n) => `netns add ${n}`).join("\n")}\nbogus\n`);
    expect((await m.errLines(4))[3]).toBe("Command failed -:4");
    // The two it bound are two of those it made, and it holds only the third now.
    const bound = names.map((n) => Number(lstatSync(join(NETNS_DIR, n)).ino));
    expect(new Set(bound).size).toBe(2);
    for (const ino of bound) expect(pooled).toContain(ino);
    expect(heldNamespaces(pid)).toEqual(pooled.filter((ino) => !bound.includes(ino)));
    const files = heldFiles(pid);
    expect(files).toHaveLength(1);
    expect(await m.end()).toBe(1);
    // Journaled with their identities, as any namespace it makes.
    const lines = identityLines(journal);
    expect(lines.map((l) => l.split(" ").slice(0, 3).join(" "))).toEqual(
      names.map((n, i) => `${n} ${lstatSync(join(NETNS_DIR, n)).dev} ${bound[i]}`),
    );
    // A namespace made ahead is a new one: lo down, nothing else.
    const links = execFileSync("ip", ["-n", names[0] as string, "-br", "link"], { encoding: "utf8" });
    expect(links.trim().split("\n")).toEqual([expect.stringMatching(/^lo\s+DOWN/)]);
    expect(
      netnsList()
        .filter((n) => n.startsWith(P))
        .sort(),
    ).toEqual([...names].sort());
    // Under the namespace bound at each name is that one file, linked there (this test's own mounts).
    for (const name of names) {
      const path = join(NETNS_DIR, name);
      execFileSync("umount", [path]);
      expect(statSync(path).ino).toBe(files[0]);
      expect(statSync(path).nlink).toBe(2);
    }
    for (const name of names) unlinkSync(join(NETNS_DIR, name));
    made.splice(0, names.length);
  });

  it("takes only `netns pool` and digits for the pool's line: anything else is a line of the batch, refused", async () => {
    const m = maker(join(temp(), "lab.made"), true);
    m.child.stdin?.write("netns pool -1\nnetns pool 2x\nnetns pool\nnetns  pool 2\nnetns pool 99999999999\n");
    const lines = await m.errLines(10);
    expect(lines.filter((l) => l.startsWith("Command failed"))).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Command failed -:${n}`),
    );
    expect(heldNamespaces(m.child.pid as number)).toEqual([]);
    await m.end();
  });

  it("past the pool, namespaces are made as before", async () => {
    const journal = join(temp(), "lab.made");
    const m = maker(journal, false);
    const names = [`${P}-c`, `${P}-d`, `${P}-e`];
    made.push(...names);
    m.child.stdin?.write(`netns pool 1\n${names.map((n) => `netns add ${n}`).join("\n")}\n`);
    expect(await m.end()).toBe(0);
    const inodes = names.map((n) => lstatSync(join(NETNS_DIR, n)).ino);
    expect(new Set(inodes).size).toBe(3);
    expect(identityLines(journal)).toHaveLength(3);
  });

  it("never links over a file planted at a name after the check: refuses it, and leaves the file as it was", async () => {
    const journal = join(temp(), "lab.made");
    const m = maker(journal, false);
    const [ours, taken] = [`${P}-w`, `${P}-x`];
    made.push(ours);
    const planted = join(NETNS_DIR, taken);
    writeFileSync(planted, "");
    try {
      const before = lstatSync(planted);
      m.child.stdin?.write(`netns pool 2\nnetns add ${ours}\nnetns add ${taken}\n`);
      const lines = await m.errLines(2);
      expect(lines[0]).toMatch(new RegExp(`^Cannot create namespace file "${planted}": File exists$`));
      expect(lines[1]).toBe("Command failed -:2");
      expect(await m.end()).toBe(1);
      const after = lstatSync(planted);
      expect([after.ino, after.size, after.nlink]).toEqual([before.ino, 0, 1]);
      expect(netnsList().filter((n) => n.startsWith(P))).toContain(ours);
    } finally {
      unlinkSync(planted);
    }
  });

  it("links a thousand names to one file, then makes the next file", async () => {
    const journal = join(temp(), "lab.made");
    const m = maker(journal, false);
    const names = Array.from({ length: 1001 }, (_, i) => `${P}-k${i}`);
    try {
      m.child.stdin?.write(`${names.map((n) => `netns add ${n}`).join("\n")}\n`);
      expect(await m.end()).toBe(0);
    } finally {
      // One process for the lot (afterEach's one `ip netns del` a name would take seconds).
      execFileSync("ip", ["-force", "-batch", "-"], {
        input: names.map((n) => `netns del ${n}`).join("\n"),
        stdio: ["pipe", "ignore", "ignore"],
      });
    }
    // Each journal line ends with the identity of the file its name was given: the first 1000 one, the last another.
    const files = identityLines(journal).map((l) => l.split(" ").slice(4).join(" "));
    expect(files).toHaveLength(1001);
    expect(new Set(files.slice(0, 1000)).size).toBe(1);
    expect(files[1000]).toMatch(/^\d+ \d+$/);
    expect(files[1000]).not.toBe(files[0]);
  });

  it("leaves room for the batch's files under a low limit of open files", async () => {
    const journal = join(temp(), "lab.made");
    const m = maker(journal, true, undefined, 100);
    m.child.stdin?.write("netns pool 1000\nbogus\n");
    await m.errLines(2);
    // A file a namespace made ahead, 64 kept free: 36 at most under 100.
    const held = heldNamespaces(m.child.pid as number).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(36);
    const names = [`${P}-f`, `${P}-g`];
    made.push(...names);
    m.child.stdin?.write(`${names.map((n) => `netns add ${n}`).join("\n")}\n`);
    expect(await m.end()).toBe(1); // the bogus line's
    expect(identityLines(journal)).toHaveLength(2);
    expect(
      netnsList()
        .filter((n) => n.startsWith(P))
        .sort(),
    ).toEqual(names);
  });

  it("never writes its journal through a symlink planted at its path", async () => {
    const dir = temp();
    const target = join(dir, "elsewhere");
    writeFileSync(target, "");
    const journal = join(dir, "lab.made");
    symlinkSync(target, journal);
    const m = maker(journal, false);
    m.child.stdin?.write(`netns add ${P}-h\n`);
    expect(await m.end()).toBe(1);
    expect((await m.errLines(1))[0]).toMatch(
      /^Cannot open the journal .*lab\.made: Too many levels of symbolic links$/,
    );
    expect(readFileSync(target, "utf8")).toBe("");
    expect(netnsList().filter((n) => n.startsWith(P))).toEqual([]);
  });

  it("makes none for a lab whose lock another netl holds", async () => {
    const dir = temp();
    const path = join(dir, "lab.lock");
    writeFileSync(path, "");
    const other = flockFileSync(path, { mode: 0o644 });
    if (other.kind !== "held") throw new Error("not held");
    const fd = openSync(path, "r+");
    try {
      const m = maker(join(dir, "lab.made"), true, fd);
      m.child.stdin?.write("netns pool 3\nbogus\n");
      await m.errLines(2);
      expect(heldNamespaces(m.child.pid as number)).toEqual([]);
      await m.end();
    } finally {
      closeSync(fd);
      other.lock.release();
    }
  });

  it("stops where the batch arrives", async () => {
    const m = maker(join(temp(), "lab.made"), true);
    const pid = m.child.pid as number;
    const ASKED = 300;
    m.child.stdin?.write(`netns pool ${ASKED}\n`);
    // Once it has begun, the next line comes: it makes no more after it sees it.
    const deadline = Date.now() + WAIT_MS;
    while (heldNamespaces(pid).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    m.child.stdin?.write("bogus\n");
    await m.errLines(2);
    const held = heldNamespaces(pid).length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(ASKED);
    await m.end();
  });
});

describe.runIf(perl && isRoot)("netl run with namespaces made ahead", () => {
  it("builds the lab from them; a script that fails its check leaves no namespace", async () => {
    const dir = temp();
    const runDir = join(dir, "run");
    const good = join(dir, "good.netl");
    writeFileSync(
      good,
      "ns a b\nrouter r\nlink a <-> r 10.0.1.0/24\nlink r <-> b 10.0.2.0/24\nroute a default via r\nroute b default via r\n",
    );
    const lab = `${P}-lab`;
    const env = { NETL_RUN_DIR: runDir };
    const up = await netl(["run", "--prefix", P, "--lab", lab, good], { env });
    expect(up.exitCode, up.stderr).toBe(0);
    expect(
      netnsList()
        .filter((n) => n.startsWith(P))
        .sort(),
    ).toEqual([`${P}-a`, `${P}-b`, `${P}-r`]);
    // Namespaces made ahead carry the lab as any other: a across r to b.
    execFileSync("ip", ["netns", "exec", `${P}-a`, "ping", "-c1", "-w5", "10.0.2.2"], { stdio: "ignore" });
    const down = await netl(["down", lab], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(netnsList().filter((n) => n.startsWith(P))).toEqual([]);
    const bad = join(dir, "bad.netl");
    writeFileSync(bad, "ns a b c d\nlink a <-> nowhere\n");
    const r = await netl(["run", "--prefix", P, "--lab", lab, bad], { env });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(netnsList().filter((n) => n.startsWith(P))).toEqual([]);
    expect(readdirSync(runDir)).toEqual([]);
  });
});
