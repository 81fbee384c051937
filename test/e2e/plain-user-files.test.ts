// Issue 25 #1: a plain user (made here, deleted after) plants symbolic links where root's netl writes —
// in the user's own folder, in /tmp, in the HOME root runs with — and root's `export -o`, `graph -o`,
// `save`, the REPL's history and the tutorial's progress never write through them, nor into the user's
// folder or file without force; what force writes replaces the link, never the file it names.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pc from "picocolors";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { progressKeeper } from "../../src/cli/tutorial.js";
import { historyPath } from "../../src/repl/history.js";
import { ownHome } from "../../src/runtime/own-home.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { NETL, NETL_BIN, netl } from "../support/netl.js";
import { createPlainUser, type PlainUser } from "../support/plain-user.js";

const prefix = testPrefix("pf");
/** Root's own folder: the script, and the files the user's links point at. */
const rootDir = mkdtempSync(join(tmpdir(), "netl-root-"));
const script = join(rootDir, "lab.netl");
const victim = join(rootDir, "victim.sh");
const VICTIM = "#!/bin/sh\n# root's own script\necho safe\n";
const LAB = "ns A B\nlink A <-> B 10.0.0.0/24\nspawn A echo hello\n";

let user: PlainUser;
/** Plant a link as the user: `at` → `to`. */
const plant = (at: string, to: string) => user.as(["ln", "-sfn", to, at]);
const isLink = (path: string) => lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;

describe.runIf(kernelTestsEnabled("plain-user-files.test.ts"))("root writes no file a plain user can aim", () => {
  beforeAll(() => {
    chmodSync(rootDir, 0o755);
    writeFileSync(script, LAB);
    user = createPlainUser(prefix);
  });
  afterAll(() => {
    user?.remove();
    rmSync(rootDir, { recursive: true, force: true });
  });
  beforeEach(() => writeFileSync(victim, VICTIM, { mode: 0o755 }));

  it("export -o through a link the user planted in /tmp: refused, root's script untouched", async () => {
    const at = join(tmpdir(), `${prefix}-lab.sh`);
    plant(at, victim);
    try {
      const r = await netl(["export", "--format", "sh", "-o", at, script]);
      expect(r.stderr).toContain(`${at} is a symbolic link: netl never writes through one`);
      expect(r.exitCode).toBe(1);
      expect(readFileSync(victim, "utf8")).toBe(VICTIM);
      expect(isLink(at)).toBe(true);
      // Asked for: the link itself is replaced by the file; what it named is still untouched.
      const forced = await netl(["export", "--format", "sh", "-o", at, "--force", script]);
      expect(forced.exitCode).toBe(0);
      expect(isLink(at)).toBe(false);
      expect(readFileSync(at, "utf8")).toContain("spawn A echo hello");
      expect(statSync(at).uid).toBe(0);
      expect(readFileSync(victim, "utf8")).toBe(VICTIM);
    } finally {
      rmSync(at, { force: true });
    }
  });

  it("export and graph into the user's own folder: refused (link or not) unless --force", async () => {
    const link = join(user.home, "lab.sh");
    plant(link, victim);
    const plain = join(user.home, "new.dot");
    const viaLink = await netl(["export", "--format", "sh", "-o", link, script]);
    const graph = await netl(["graph", "-o", plain, script]);
    for (const r of [viaLink, graph]) {
      expect(r.stderr).toContain(`${user.home} belongs to another user (uid ${user.uid})`);
      expect(r.stderr).toContain("hint: if that is really meant, say so: --force");
      expect(r.exitCode).toBe(1);
    }
    expect(existsSync(plain)).toBe(false);
    expect(readFileSync(victim, "utf8")).toBe(VICTIM);
    const forced = await netl(["graph", "-o", plain, "--force", script]);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(plain, "utf8")).toContain("graph");
  });

  it("a file the user owns in /tmp is not replaced without --force; a new one is written", async () => {
    const theirs = join(tmpdir(), `${prefix}-theirs.txt`);
    const fresh = join(tmpdir(), `${prefix}-fresh.txt`);
    user.as(["sh", "-c", `echo mine > ${theirs}`]);
    try {
      const r = await netl(["graph", "-o", theirs, script]);
      expect(r.stderr).toContain(`${theirs} belongs to another user (uid ${user.uid})`);
      expect(readFileSync(theirs, "utf8")).toBe("mine\n");
      const ok = await netl(["graph", "-o", fresh, script]);
      expect(ok.exitCode).toBe(0);
      expect(statSync(fresh).uid).toBe(0);
    } finally {
      rmSync(theirs, { force: true });
      rmSync(fresh, { force: true });
    }
  });

  it("save through a planted link: a positioned error; save … force replaces the link", async () => {
    const at = join(tmpdir(), `${prefix}-saved.netl`);
    plant(at, victim);
    const lab = `${prefix}-save`;
    const saving = join(rootDir, "save.netl");
    try {
      writeFileSync(saving, `save "${at}"\n`);
      const r = await netl(["run", "--lab", lab, "--prefix", lab, "--down", saving]);
      expect(r.stderr).toContain(`save.netl:1:6: error: ${at} is a symbolic link: netl never writes through one`);
      expect(r.exitCode).not.toBe(0);
      expect(readFileSync(victim, "utf8")).toBe(VICTIM);
      writeFileSync(saving, `save "${at}" force\n`);
      const forced = await netl(["run", "--lab", lab, "--prefix", lab, "--down", saving]);
      expect(forced.stderr).toBe("");
      expect(isLink(at)).toBe(false);
      expect(readFileSync(victim, "utf8")).toBe(VICTIM);
    } finally {
      rmSync(at, { force: true });
    }
  });

  it("the REPL run by root with the user's HOME leaves the user's .netl_history link and its target alone", () => {
    const long = join(rootDir, "long.txt");
    const lines = Array.from({ length: 1500 }, (_, i) => `root line ${i}`).join("\n");
    writeFileSync(long, `${lines}\n`);
    plant(join(user.home, ".netl_history"), long);
    // A terminal (history is kept only there): start the REPL and leave it with Ctrl-D, typing nothing.
    const out = execFileSync(
      "sh",
      ["-c", `(sleep 1.5; printf '\\004') | script -qec "${process.execPath} ${NETL} --lab ${prefix}-h" /dev/null`],
      { encoding: "utf8", env: { ...process.env, HOME: user.home, NO_COLOR: "1" }, timeout: 30_000 },
    );
    expect(out).toContain(`HOME (${user.home}) belongs to uid ${user.uid}, not to uid 0`);
    expect(readFileSync(long, "utf8")).toBe(`${lines}\n`);
  });

  it("root with the user's HOME never starts node from a snapshot the user planted in their cache", async () => {
    const fingerprint = /^fingerprint='([0-9a-f]+)'$/m.exec(readFileSync(NETL_BIN, "utf8"))?.[1];
    const node = execFileSync("sh", ["-c", "command -v node"], { encoding: "utf8" }).trim();
    expect(fingerprint).toBeDefined();
    const blob = join(user.home, ".cache", "netl", `${fingerprint}${node}.blob`);
    // What the bin looks for: a blob newer than node, and beside it a link to that very node.
    user.as(["sh", "-c", `mkdir -p "${dirname(blob)}" && echo planted > "${blob}" && ln -s "${node}" "${blob}.node"`]);
    const r = await netl(["--version"], { env: { HOME: user.home } });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    // Nor is one made there (the maker runs in the background: given time, it would have written it).
    await new Promise((r) => setTimeout(r, 1000));
    expect(readFileSync(blob, "utf8")).toBe("planted\n");
    expect(readdirSync(dirname(blob)).sort()).toEqual(["node.blob", "node.blob.node"]);
  });

  it("history and progress go to root's own home, said once, when HOME is the user's", () => {
    const own = mkdtempSync(join(tmpdir(), "netl-own-"));
    try {
      const home = ownHome({ HOME: user.home }, 0, own);
      expect(home).toEqual({
        dir: own,
        note: `HOME (${user.home}) belongs to uid ${user.uid}, not to uid 0: netl keeps its history and progress in ${own} instead`,
      });
      expect(historyPath({ HOME: user.home }, home).path).toBe(join(own, ".netl_history"));
      // What must still pass: root's own HOME, and a plain user's own HOME for that user.
      expect(ownHome({ HOME: own }, 0, own)).toEqual({ dir: own });
      expect(ownHome({ HOME: user.home }, user.uid, own)).toEqual({ dir: user.home });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("tutorial progress through a planted ~/.netl link: not written, said once", () => {
    const target = mkdtempSync(join(tmpdir(), "netl-target-"));
    plant(join(user.home, ".netl"), target);
    const said: string[] = [];
    const io = { out: () => {}, err: (t: string) => said.push(t), c: pc.createColors(false) };
    const mark = progressKeeper(join(user.home, ".netl", "tutorial.json"), io);
    mark(1);
    mark(2);
    expect(existsSync(join(target, "tutorial.json"))).toBe(false);
    expect(said).toEqual([
      `progress is not kept: ${user.home} belongs to another user (uid ${user.uid}), who could replace what is written there`,
    ]);
    rmSync(target, { recursive: true, force: true });
  });
});
