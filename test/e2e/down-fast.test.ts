// `netl down LAB` of a plain lab is done by the Perl helper alone (native/netns-del.pl `down`, started
// by scripts/netl.sh without node); anything else it leaves to netl's node untouched. The oracle is
// netl's node itself: every lab is built twice, bent the same way (a namespace gone or taken by a
// bystander, a process inside, a lock held or left, a record netl's node reads and the helper must not),
// and taken down once by the bin and once by node's CLI alone. Output, status and what is left must be
// the same. With no node on PATH the bin shows which of the two acted: the helper must take every plain
// lab, and every other one it must leave exactly as it found it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { NETL, NETL_BIN, type NetlRun, netl } from "../support/netl.js";

const prefix = testPrefix("df");
const dir = mkdtempSync(join(tmpdir(), "netl-downfast-"));
const runDir = join(dir, "run");
const env = { NETL_RUN_DIR: runDir };
const script = join(dir, "lab.netl");
writeFileSync(script, "ns n0 n1 n2 n3\nlink n0 <-> n1\n");
// A PATH with perl and nothing else: the bin's node fallback cannot start (status 127).
const perlOnly = join(dir, "perl-only");
mkdirSync(perlOnly);
symlinkSync(execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim(), join(perlOnly, "perl"));
const NO_NODE = 127;

const TWISTS = [
  "gone", // n0 deleted behind netl's back
  "other", // n1 deleted and a bystander's namespace made at its name
  "inside", // a process left running in n2
  "journal", // the journal of a netl killed while it made namespaces
  "staleLock", // a lock file a killed netl left, held by nobody
  "heldLock", // the lab held by another process
  "extraField", // a record field a later netl may write
  "compact", // the record on one line
  "truncated", // half a record
  "noWorld", // no World file beside the record
  "fifo", // a FIFO where the record was: nothing may wait on it
  "symlink", // the record read through a symbolic link
  "remains", // n3 unmounted and its file left, as a deletion SIGKILLed between the two leaves it
] as const;
type Twist = (typeof TWISTS)[number];
/** What the helper takes itself: every other twist is netl's node's. */
const PLAIN: ReadonlySet<Twist> = new Set(["gone", "noWorld", "remains"]);

const mine = (lab: string) =>
  netnsList()
    .filter((n) => n.startsWith(`${lab}-`))
    .map((n) => n.slice(lab.length + 1))
    .sort();
const files = (lab: string) =>
  (existsSync(runDir) ? readdirSync(runDir) : [])
    .filter((f) => f.startsWith(`${lab}.`))
    .map((f) => f.slice(lab.length))
    .sort();
/** Everything of the lab's that a teardown can change. */
const state = (lab: string) => ({ namespaces: mine(lab), files: files(lab) });

const holders: ChildProcess[] = [];
const hold = (argv: string[]) => {
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: "ignore" });
  holders.push(child);
  return child;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Whether nobody holds the lock file (flock -n takes it and lets go at once). */
const free = (lock: string) => {
  try {
    execFileSync("flock", ["-n", lock, "true"]);
    return true;
  } catch {
    return false;
  }
};

async function bent(lab: string, twists: readonly Twist[]) {
  const r = await netl(["run", "--prefix", lab, "--lab", lab, script], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  const record = join(runDir, `${lab}.json`);
  const text = readFileSync(record, "utf8");
  // In TWISTS' order: those that rewrite the record come before those that put a FIFO or a link in its
  // place (writing to that FIFO would wait for a reader forever).
  for (const twist of TWISTS.filter((t) => twists.includes(t))) {
    if (twist === "gone") execFileSync("ip", ["netns", "del", `${lab}-n0`]);
    if (twist === "other") {
      execFileSync("ip", ["netns", "del", `${lab}-n1`]);
      execFileSync("ip", ["netns", "add", `${lab}-n1`]);
    }
    if (twist === "inside") {
      hold(["ip", "netns", "exec", `${lab}-n2`, "sleep", "60"]);
      // Until it is inside: ip enters the namespace before it runs sleep.
      for (let i = 0; i < 100 && !execFileSync("ip", ["netns", "pids", `${lab}-n2`], { encoding: "utf8" }).trim(); i++)
        await sleep(10);
    }
    if (twist === "journal") writeFileSync(join(runDir, `${lab}.made`), "");
    if (twist === "staleLock") writeFileSync(join(runDir, `${lab}.lock`), "");
    if (twist === "heldLock") {
      const lock = join(runDir, `${lab}.lock`);
      writeFileSync(lock, "");
      hold(["flock", "-x", lock, "sleep", "60"]);
      for (let i = 0; i < 200 && free(lock); i++) await sleep(10);
    }
    if (twist === "extraField")
      writeFileSync(record, `${JSON.stringify({ ...JSON.parse(text), later: 1 }, null, 2)}\n`);
    if (twist === "compact") writeFileSync(record, `${JSON.stringify(JSON.parse(text))}\n`);
    if (twist === "truncated") writeFileSync(record, text.slice(0, text.length >> 1));
    if (twist === "noWorld") rmSync(join(runDir, `${lab}.world`));
    if (twist === "remains") execFileSync("umount", [`/run/netns/${lab}-n3`]);
    if (twist === "fifo") {
      rmSync(record);
      execFileSync("mkfifo", [record]);
    }
    if (twist === "symlink") {
      writeFileSync(join(dir, `${lab}.elsewhere`), text);
      rmSync(record);
      symlinkSync(join(dir, `${lab}.elsewhere`), record);
    }
  }
}

/** The same words for either twin: its name, pids and inodes, which differ. */
const said = (r: NetlRun, lab: string) =>
  `${r.exitCode}\n${r.stdout}\n${r.stderr}`
    .replaceAll(lab, "LAB")
    .replace(/pid \d+/g, "pid N")
    .replace(/inode \d+/g, "inode I");

/** The bin's `netl down`: with no node on PATH first, which shows whether the helper took it. */
async function downByBin(lab: string): Promise<{ r: NetlRun; helper: boolean; untouched: boolean }> {
  const before = state(lab);
  const noNode = await netl(["down", lab], { env: { ...env, PATH: perlOnly } });
  if (noNode.exitCode !== NO_NODE) return { r: noNode, helper: true, untouched: false };
  const untouched = JSON.stringify(state(lab)) === JSON.stringify(before);
  return { r: await netl(["down", lab], { env }), helper: false, untouched };
}

async function downByNode(lab: string): Promise<NetlRun> {
  const r = await execa(process.execPath, [NETL, "down", lab], { reject: false, env: { NO_COLOR: "1", ...env } });
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}

let round = 0;
async function twins(twists: readonly Twist[]) {
  const k = round++;
  const [bin, node] = [`${prefix}${k}b`, `${prefix}${k}n`];
  await bent(bin, twists);
  await bent(node, twists);
  const byBin = await downByBin(bin);
  const byNode = await downByNode(node);
  const what = `twists ${twists.join(", ") || "none"}\n${said(byBin.r, bin)}`;
  expect(said(byBin.r, bin), what).toBe(said(byNode, node));
  expect(state(bin), what).toEqual(state(node));
  // The helper takes a plain lab, and leaves every other one exactly as it was.
  expect(byBin.helper, what).toBe(twists.every((t) => PLAIN.has(t)));
  if (!byBin.helper) expect(byBin.untouched, what).toBe(true);
  return { bin, node };
}

describe.runIf(kernelTestsEnabled("down-fast.test.ts"))("netl down of a plain lab without node", () => {
  afterEach(() => {
    for (const child of holders.splice(0)) child.kill("SIGKILL");
  });
  afterAll(() => {
    for (const ns of netnsList().filter((n) => n.startsWith(prefix))) execFileSync("ip", ["netns", "del", ns]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes a plain lab itself, as netl's node would", async () => {
    const { bin } = await twins([]);
    expect(state(bin)).toEqual({ namespaces: [], files: [] });
  });

  it("says exactly what netl's node says, whatever was done to the lab", async () => {
    for (const twist of TWISTS) {
      await twins([twist]);
      for (const child of holders.splice(0)) child.kill("SIGKILL");
    }
  });

  it("holds over any two of them together", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...TWISTS), { minLength: 2, maxLength: 2 }), async (twists) => {
        await twins(twists);
        for (const child of holders.splice(0)) child.kill("SIGKILL");
      }),
      // Besides the random pairs: a FIFO or a link at the record with a twist that rewrites the record.
      {
        numRuns: 12,
        examples: [[["fifo", "compact"]], [["symlink", "truncated"]]],
      },
    );
  });

  it("SIGKILLed at any moment, leaves a lab that the next netl down removes whole", async () => {
    for (let k = 0; k < 8; k++) {
      const lab = `${prefix}k${k}`;
      const r = await netl(["run", "--prefix", lab, "--lab", lab, script], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      const helper = spawn("perl", [join(NETL_BIN, "..", "netns-del.pl"), "down", lab], {
        env: { ...process.env, ...env },
      });
      const closed = new Promise((resolve) => helper.once("close", resolve));
      await sleep((k * 3) % 20);
      helper.kill("SIGKILL");
      await closed;
      const down = await netl(["down", lab], { env });
      expect([0, 1], down.stderr).toContain(down.exitCode);
      // Removed now, or already by the helper before the kill ("no lab").
      expect(`${down.stdout}${down.stderr}`).toMatch(/removed lab|no lab/);
      expect(state(lab)).toEqual({ namespaces: [], files: [] });
    }
  });

  it("leaves a name that is not a lab name to netl's node, without a word", async () => {
    for (const lab of ["-x", "a/b", "../etc", "x".repeat(65), "a b"]) {
      const r = await execa("perl", [join(NETL_BIN, "..", "netns-del.pl"), "down", lab], { reject: false, env });
      expect(r.exitCode, lab).toBe(75);
      expect(r.stdout + r.stderr, lab).toBe("");
    }
  });
});
