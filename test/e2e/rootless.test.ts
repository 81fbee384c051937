// Rootless netl, as a plain user this test creates (CI runs as root; the user is deleted afterwards):
// every example gives that user what it gives root under `netl test`; a REPL builds, pings, undoes and
// tears down; a netl killed outright takes its whole sandbox, processes and all, with it; --rootless
// works as root too. After each: nothing of it on the machine — no namespace, interface, process,
// lab record — and its sandbox's pid namespace has no process left.
import { execFileSync, spawn } from "node:child_process";
import {
  chownSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hostStem } from "../../src/interpreter/host-names.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { machineState } from "../support/machine-state.js";
import { NETL, netl } from "../support/netl.js";

const prefix = testPrefix("rl");
/** The user: the test prefix is unique per run, lower-case letters, digits and '-'. */
const user = prefix;
const home = mkdtempSync(join(tmpdir(), "netl-rootless-"));
const examples = readdirSync("examples").filter((f) => f.endsWith(".netl"));
/**
 * The user runs a copy of the built netl and the examples in its home: the checkout may sit where a
 * plain user cannot read (CI's clone under /root). `netl test` needs nothing from node_modules.
 */
const userNetl = join(home, "dist", "netl.js");

interface Ran {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** netl as the test's user: runuser keeps the environment but HOME (the user's own, a temp dir). */
async function asUser(args: readonly string[], input = ""): Promise<Ran> {
  const r = await execa("runuser", ["-u", user, "--", process.execPath, userNetl, ...args], {
    input,
    cwd: home,
    reject: false,
    env: { NO_COLOR: "1" },
  });
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** The user's processes on the machine (a check only: nothing is killed by name). */
async function userProcesses(): Promise<string> {
  return (await execa("pgrep", ["-a", "-u", user], { reject: false })).stdout;
}

/** The machine's processes in a pid namespace (`pid:[…]`, as readlink shows it). */
function inPidNamespace(ns: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readlinkSync(`/proc/${d}/ns/pid`) === ns;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const ours = (lab: string) => ({
  namespaces: () => netnsList().filter((n) => n.startsWith(`${lab}-`)),
  // Host ends are named from the lab's name and prefix (both `lab` here).
  hostEnds: () =>
    (JSON.parse(execFileSync("ip", ["-j", "link", "show"], { encoding: "utf8" }) || "[]") as { ifname: string }[])
      .map((l) => l.ifname)
      .filter((n) => n.startsWith(hostStem(lab, lab))),
  records: () => (existsSync("/run/netl") ? readdirSync("/run/netl").filter((f) => f.startsWith(lab)) : []),
});

/** Nothing of the lab `lab` on the machine, and the machine's own network as before. */
async function nothingLeft(lab: string, before: ReturnType<typeof machineState>) {
  const o = ours(lab);
  expect(o.namespaces()).toEqual([]);
  expect(o.hostEnds()).toEqual([]);
  expect(o.records()).toEqual([]);
  expect(await userProcesses()).toBe("");
  expect(machineState()).toEqual(before);
}

describe.runIf(kernelTestsEnabled("rootless.test.ts"))("rootless netl", () => {
  let before: ReturnType<typeof machineState>;

  beforeAll(() => {
    execFileSync("useradd", ["--no-create-home", "--home-dir", home, "--shell", "/usr/sbin/nologin", user]);
    chownSync(home, Number(execFileSync("id", ["-u", user], { encoding: "utf8" })), 0);
    cpSync(dirname(NETL), dirname(userNetl), { recursive: true, preserveTimestamps: true });
    cpSync("examples", join(home, "examples"), { recursive: true });
  });

  afterAll(() => {
    // Deleted also when a test failed; a process of it left behind fails the tests above, not this.
    const r = execa("userdel", [user], { reject: false });
    return r.then((d) => {
      if (d.exitCode !== 0) execFileSync("userdel", ["--force", user]);
      rmSync(home, { recursive: true, force: true });
    });
  });

  beforeAll(() => {
    before = machineState();
  });
  afterEach(async () => {
    expect(await userProcesses()).toBe("");
  });

  it("the user is a plain user, who can read netl and the examples", async () => {
    const r = await execa("runuser", ["-u", user, "--", "id", "-u"], { reject: false });
    expect(Number(r.stdout)).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  for (const [i, file] of examples.entries()) {
    it(`${file}: netl test gives the user what it gives root, and leaves nothing`, async () => {
      const rootLab = `${prefix}-r${i}`;
      const userLab = `${prefix}-u${i}`;
      const root = await netl(["test", "--prefix", rootLab, "--lab", rootLab, `examples/${file}`]);
      const r = await asUser(["test", "--prefix", userLab, "--lab", userLab, `examples/${file}`]);
      const summary = (out: string, lab: string) =>
        out
          .replaceAll(lab, "LAB")
          .split("\n")
          .filter((l) => /^examples\/|^removed lab/.test(l));
      expect(r.stderr.replaceAll(userLab, "LAB")).toBe(root.stderr.replaceAll(rootLab, "LAB"));
      expect(summary(r.stdout, userLab)).toEqual(summary(root.stdout, rootLab));
      expect(r.exitCode).toBe(root.exitCode);
      // Every example passes as root on a kernel with netem; without it (this kind of machine), the
      // one that needs it is refused before anything is built, as root and as the user alike.
      if (root.exitCode === 0) expect(r.stdout).toMatch(new RegExp(`examples/${file}: [1-9]\\d* passed, 0 failed`));
      else expect(r.stderr).toContain("this kernel has no netem");
      await nothingLeft(userLab, before);
      await nothingLeft(rootLab, before);
    });
  }

  it("a REPL as the user: build, ping, undo, ping again, teardown at the end of input", async () => {
    const lab = `${prefix}-repl`;
    const input = [
      "ns A B",
      "link A <-> B 10.9.0.0/24",
      "ping A B",
      "exec A readlink /proc/self/ns/pid",
      "exec A id -u",
      "undo",
      "ping A B",
      "",
    ].join("\n");
    const r = await asUser(["--prefix", lab, "--lab", lab], input);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    const pings = lines.filter((l) => l.startsWith("A -> "));
    expect(pings).toHaveLength(2);
    expect(pings[0]).toMatch(/^A -> 10\.9\.0\.2: ok \([\d.]+ ms\)$/);
    expect(pings[1]).toBe("A -> B: failed (B has no address)");
    // Root of its sandbox; a pid namespace of its own, not the machine's.
    expect(lines).toContain("0");
    const pidNs = lines.find((l) => l.startsWith("pid:["));
    expect(pidNs).toBeDefined();
    expect(pidNs).not.toBe(readlinkSync("/proc/self/ns/pid"));
    expect(lines.at(-1)).toBe(`removed lab '${lab}': ${lab}-A, ${lab}-B`);
    expect(r.exitCode).toBe(0);
    expect(inPidNamespace(pidNs ?? "")).toEqual([]);
    await nothingLeft(lab, before);
  });

  it("netl killed outright (SIGKILL, no teardown): its sandbox, the lab's processes included, goes with it", async () => {
    const lab = `${prefix}-kill`;
    const uid = execFileSync("id", ["-u", user], { encoding: "utf8" }).trim();
    const gid = execFileSync("id", ["-g", user], { encoding: "utf8" }).trim();
    // Its input is a FIFO this test holds open throughout: the REPL inside never sees the end of its
    // input, so only the kill can end it (a pipe would be closed with the killed process, and the REPL
    // would leave by itself).
    const fifo = join(home, "input");
    execFileSync("mkfifo", [fifo]);
    const input = openSync(fifo, constants.O_RDWR);
    try {
      // setpriv execs netl: the pid killed is netl's own.
      const child = spawn(
        "setpriv",
        [
          `--reuid=${uid}`,
          `--regid=${gid}`,
          "--clear-groups",
          process.execPath,
          userNetl,
          "--prefix",
          lab,
          "--lab",
          lab,
        ],
        { stdio: [input, "pipe", "pipe"], cwd: home, env: { ...process.env, NO_COLOR: "1", HOME: home } },
      );
      writeSync(input, "ns A B\nlink A <-> B 10.9.1.0/24\nspawn A sleep 1000\nexec A readlink /proc/self/ns/pid\n");
      let out = "";
      const pidNs = await new Promise<string>((resolve, reject) => {
        child.stdout?.on("data", (d: Buffer) => {
          out += d.toString();
          const ns = out.split("\n").find((l) => l.startsWith("pid:["));
          if (ns) resolve(ns);
        });
        child.on("exit", () => reject(new Error(`netl ended first: ${out}`)));
      });
      expect(out).toContain("+ spawn A #1: sleep 1000");
      expect(inPidNamespace(pidNs).length).toBeGreaterThanOrEqual(3); // its init, netl, the sleep
      const ended = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      child.kill("SIGKILL");
      expect(await ended).toBe("SIGKILL");
      // The kernel ends the sandbox's processes at once; the machine's init reaps them when it gets to it: wait, boundedly.
      for (let i = 0; i < 200 && (inPidNamespace(pidNs).length > 0 || (await userProcesses()) !== ""); i++)
        await new Promise((res) => setTimeout(res, 50));
      expect(inPidNamespace(pidNs)).toEqual([]);
      await nothingLeft(lab, before);
    } finally {
      closeSync(input);
    }
  });

  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)
    it(`${signal} to netl reaches the netl in its sandbox: the statement rolled back, exit ${code}, nothing left`, async () => {
      const lab = `${prefix}-s${code}`;
      const uid = execFileSync("id", ["-u", user], { encoding: "utf8" }).trim();
      const gid = execFileSync("id", ["-g", user], { encoding: "utf8" }).trim();
      const file = join(home, `slow-${code}.netl`);
      writeFileSync(file, "ns A B\nlink A <-> B 10.9.2.0/24\nexec A sleep 30\nns C\n");
      chownSync(file, Number(uid), Number(gid));
      // setpriv execs netl: the pid signalled is that of the netl outside the sandbox.
      const child = spawn(
        "setpriv",
        [
          `--reuid=${uid}`,
          `--regid=${gid}`,
          "--clear-groups",
          process.execPath,
          userNetl,
          "run",
          "--prefix",
          lab,
          "--lab",
          lab,
          file,
        ],
        { stdio: ["ignore", "pipe", "pipe"], cwd: home, env: { ...process.env, NO_COLOR: "1", HOME: home } },
      );
      let out = "";
      let err = "";
      child.stderr?.on("data", (d: Buffer) => {
        err += d.toString();
      });
      const ended = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      // In flight: the sleep of `exec A sleep 30`.
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("+ link A:eth0")) setTimeout(resolve, 500);
        });
        child.on("exit", () => reject(new Error(`netl ended first: ${out}${err}`)));
      });
      child.kill(signal);
      expect(await ended, `${out}\n${err}`).toBe(code);
      // netl inside stopped the exec and never ran `ns C`; the lab went with the sandbox, and it said so.
      expect(out).not.toContain("+ ns C");
      expect(out).toContain(`removed lab '${lab}' (2 namespaces)`);
      await nothingLeft(lab, before);
    });

  it("--rootless as root: the same sandbox, root's netl needs none but may ask", async () => {
    const lab = `${prefix}-flag`;
    const r = await netl(["--rootless", "--prefix", lab, "--lab", lab], {
      input: "ns A\nexec A readlink /proc/self/ns/pid\nexec A ls /run\n",
    });
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    const pidNs = lines.find((l) => l.startsWith("pid:["));
    expect(pidNs).toBeDefined();
    expect(pidNs).not.toBe(readlinkSync("/proc/self/ns/pid"));
    // Its /run is its own: only what netl and ip made there.
    expect(lines.slice(lines.indexOf(pidNs ?? "") + 1, -1).sort()).toEqual(["netl", "netns"]);
    expect(r.exitCode).toBe(0);
    expect(inPidNamespace(pidNs ?? "")).toEqual([]);
    await nothingLeft(lab, before);
    // run --rootless, after the command, works the same; and says the lab did not stay up.
    const run = await netl(["run", "--rootless", "--prefix", lab, "--lab", lab, "examples/two-hosts.netl"]);
    expect(run.stdout).toContain(`removed lab '${lab}' (2 namespaces)`);
    expect(run.stdout).toContain("rootless, the lab lives only as long as its netl");
    expect(run.exitCode).toBe(0);
    await nothingLeft(lab, before);
  });
});
