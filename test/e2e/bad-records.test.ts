// Issue 18 #6 and issue 25 #3 (netl's side): records that are not what netl wrote. A record with
// `"namespaces": null`, one cut short, one of an older netl, and a symlink to a record are each reported
// by name and skipped by `ls`, `ls --json`, `down` and `clean` — never a crash, and `clean` goes on with
// the valid labs after them. A forged record naming a bystander's namespace and a machine interface, by
// name or with a wrong identity, gets nothing deleted; nor does a symlinked one that has the right
// identities. A record naming a namespace bound to the machine's own network namespace (with its true
// identity) ends no process there and keeps the record. A temporary record file a killed netl left is removed by the next
// `down` or `clean`.
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, RUN_PREFIX, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const prefix = testPrefix("badrec");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const dir = mkdtempSync(join(tmpdir(), "netl-badrec-"));
const runDir = join(dir, "run");
mkdirSync(runDir);
const env = { NETL_RUN_DIR: runDir };
/** A script of one node: each lab its own, all under the one prefix. */
const script = (node: string) => {
  const file = join(dir, `${node}.netl`);
  writeFileSync(file, `ns ${node}\n`);
  return file;
};
const victim = `${prefix}-victim`;
// The machine's interface a record names (short: an interface name has 15 characters at most).
const VETH = `${RUN_PREFIX}brv`;
const started: number[] = [];

const record = (lab: string, fields: object) =>
  JSON.stringify({ version: 2, lab, pid: 1, updated: "", namespaces: [], ...fields });
const id = (ns: string) => {
  const { dev, ino } = statSync(`/run/netns/${ns}`);
  return { name: ns, dev, ino };
};
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

describe.runIf(kernelTestsEnabled("bad-records.test.ts"))("records netl did not write", () => {
  afterAll(() => {
    for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    if (existsSync(`/sys/class/net/${VETH}`)) execFileSync("ip", ["link", "del", VETH]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("null, cut short, older, symlinked: each named and skipped by ls, down and clean; clean goes on", async () => {
    execFileSync("ip", ["netns", "add", victim]);
    const labs = { nul: `${prefix}-nul`, cut: `${prefix}-cut`, old: `${prefix}-old`, link: `${prefix}-link` };
    writeFileSync(join(runDir, `${labs.nul}.json`), record(labs.nul, { namespaces: null }));
    writeFileSync(join(runDir, `${labs.cut}.json`), record(labs.cut, { namespaces: [id(victim)] }).slice(0, 60));
    writeFileSync(
      join(runDir, `${labs.old}.json`),
      JSON.stringify({ version: 1, lab: labs.old, pid: 1, updated: "", namespaces: [victim] }),
    );
    // A symlink to a record that names the victim with its true identity.
    writeFileSync(join(dir, "elsewhere.json"), record(labs.link, { namespaces: [id(victim)] }));
    symlinkSync(join(dir, "elsewhere.json"), join(runDir, `${labs.link}.json`));
    // A valid lab, listed after them: clean must reach it.
    const good = `${prefix}-zgood`;
    expect((await netl(["run", "--prefix", prefix, "--lab", good, script("g")], { env })).exitCode).toBe(0);

    const said = [
      `skipped ${labs.cut}.json: it is not JSON (cut short?)`,
      `skipped ${labs.link}.json: it is a symbolic link`,
      `skipped ${labs.nul}.json: record.namespaces is not a list`,
      `skipped ${labs.old}.json: record.version is 1: written by an older netl, it names no identities (remove what it lists by hand)`,
    ];
    const ls = await netl(["ls"], { env });
    expect(ls.exitCode).toBe(0);
    expect(ls.stderr.split("\n")).toEqual(said);
    expect(ls.stdout.split("\n")[0]).toBe(
      `${good}: up (its netl has ended: netl attach ${good} to work in it, netl down ${good} to remove it), prefix ${prefix}`,
    );
    const json = await netl(["ls", "--json"], { env });
    expect(json.exitCode).toBe(0);
    expect((JSON.parse(json.stdout) as { lab: string }[]).map((l) => l.lab)).toEqual([good]);
    for (const [key, lab] of Object.entries(labs)) {
      const down = await netl(["down", lab], { env });
      expect(down.exitCode, key).toBe(1);
      expect(down.stderr).toBe(said.find((l) => l.includes(`${lab}.json`)));
    }
    const clean = await netl(["clean"], { env });
    expect(clean.stderr.split("\n")).toEqual(said);
    expect(clean.stdout).toBe(`removed lab '${good}' (1 namespace)`);
    expect(clean.exitCode).toBe(1);
    expect(mine()).toEqual([victim]);
    for (const lab of Object.values(labs)) rmSync(join(runDir, `${lab}.json`));
  });

  it("a forged record: a bystander's namespace (no identity, a wrong one) and machine interface survive", async () => {
    if (!mine().includes(victim)) execFileSync("ip", ["netns", "add", victim]);
    const proc = spawn("ip", ["netns", "exec", victim, "sleep", "1066"], { detached: true, stdio: "ignore" });
    started.push(proc.pid as number);
    execFileSync("ip", ["link", "add", VETH, "type", "veth", "peer", "name", `${VETH}p`]);
    const mac = readFileSync(`/sys/class/net/${VETH}/address`, "utf8").trim();
    const ifindex = Number(readFileSync(`/sys/class/net/${VETH}/ifindex`, "utf8"));
    const lab = `${prefix}-forged`;
    const wrong = { ...id(victim), ino: id(victim).ino + 1 };
    writeFileSync(
      join(runDir, `${lab}.json`),
      record(lab, {
        namespaces: [wrong],
        hostInterfaces: [{ name: VETH, ifindex: ifindex + 1, mac }],
        moved: [{ ifname: VETH, netns: victim, ifindex, mac: "02:00:00:00:00:01", origin: {} }],
      }),
    );
    // A record's moved entry with a made-up origin is not a record at all: it is refused whole.
    expect((await netl(["down", lab], { env })).stderr).toContain("record.moved[0].origin.up is missing");
    writeFileSync(
      join(runDir, `${lab}.json`),
      record(lab, { namespaces: [wrong], hostInterfaces: [{ name: VETH, ifindex: ifindex + 1, mac }] }),
    );
    const down = await netl(["down", lab], { env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr).toContain(`left namespace ${victim} alone: it is not the one lab '${lab}' made`);
    expect(down.stderr).toContain(`left the machine's ${VETH} alone: it is not the host end lab '${lab}' made`);
    expect(mine()).toContain(victim);
    expect(alive(proc.pid as number)).toBe(true);
    expect(existsSync(`/sys/class/net/${VETH}`)).toBe(true);
  });

  it("a record naming a namespace bound to the machine's own: no process there is ended, nothing deleted", async () => {
    const bound = `${prefix}-machine`;
    // This process's network namespace: the machine's (netl's own, for the netl it starts).
    execFileSync("ip", ["netns", "attach", bound, String(process.pid)]);
    const sleeper = spawn("sleep", ["1077"], { stdio: "ignore" });
    started.push(sleeper.pid as number);
    const lab = `${prefix}-bound`;
    writeFileSync(join(runDir, `${lab}.json`), record(lab, { namespaces: [id(bound)] }));
    const down = await netl(["down", lab], { env });
    expect(down.stderr.split("\n")).toEqual([
      `left namespace ${bound} alone: it is netl's own network namespace or the machine's (run netl from outside it)`,
      `could not remove ${bound}`,
    ]);
    expect(down.exitCode).toBe(1);
    expect(alive(sleeper.pid as number)).toBe(true);
    expect(mine()).toContain(bound);
    // Kept, as a lab netl could not finish removing; ls shows it has nothing up that netl would touch.
    expect(existsSync(join(runDir, `${lab}.json`))).toBe(true);
    rmSync(join(runDir, `${lab}.json`));
    execFileSync("ip", ["netns", "del", bound]);
  });

  it("a temporary file of the lab's a killed netl left: gone after the next down or clean", async () => {
    const lab = `${prefix}-tmp`;
    expect((await netl(["run", "--prefix", prefix, "--lab", lab, script("t")], { env })).exitCode).toBe(0);
    // Its record, World, batches or live feed, killed while it wrote one (replaceFile's temporary name).
    const temps = ["json", "world", "batches", "live"].map((kind) => join(runDir, `${lab}.${kind}.4190000.tmp`));
    for (const temp of temps) writeFileSync(temp, "{");
    expect((await netl(["down", lab], { env })).exitCode).toBe(0);
    expect(temps.filter((temp) => existsSync(temp))).toEqual([]);
    // Another lab's, or a name that only looks like one, stays.
    const others = [`${lab}x.world.4190000.tmp`, `${lab}.world.tmp`, `${lab}.notes.4190000.tmp`].map((n) =>
      join(runDir, n),
    );
    for (const other of others) writeFileSync(other, "{");
    expect((await netl(["down", lab], { env })).exitCode).not.toBe(0);
    expect(others.filter((other) => existsSync(other))).toEqual(others);
    for (const other of others) rmSync(other);
    // With no record at all, clean removes it.
    writeFileSync(join(runDir, `${lab}.json.4190001.tmp`), "{");
    expect((await netl(["clean"], { env })).exitCode).toBe(0);
    expect(existsSync(join(runDir, `${lab}.json.4190001.tmp`))).toBe(false);
  });
});
