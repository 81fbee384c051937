// `capture` on the real kernel: tcpdump in the node, a line per packet as it passes (ARP before the
// first ping's ICMP), or a pcap file that tcpdump -r reads (never written through a link); ended by
// its count, undo, del, a Ctrl-C at the prompt, teardown and netl leaving a lab up, never left
// running; without tcpdump, netl says so before anything changes.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import type { CaptureEvent } from "../../src/runtime/captures.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-capture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const prefix = testPrefix("cap");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}`));
const pidsIn = (ns: string) =>
  execFileSync("ip", ["netns", "pids", ns], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
const commOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
};
const tcpdumpsIn = (ns: string) => pidsIn(ns).filter((p) => commOf(p) === "tcpdump");
const script = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const LINK = "ns A B\nlink A <-> B 10.0.0.0/24\n";

describe.runIf(kernelTestsEnabled("capture.test.ts"))("capture on the real kernel", () => {
  afterAll(() => expect(mine()).toEqual([]));

  it("shows each packet as it passes: ARP who-has and reply before the first ping's ICMP", async () => {
    const f = script("live.netl", `${LINK}capture A:eth0 count 4 filter "arp or icmp"\nping A B\n`);
    const r = await netl(["test", "--prefix", `${prefix}-a`, f]);
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("A:eth0"));
    expect(lines.map((l) => l.replace(/^A:eth0\s+\+[\d.]+ ms\s+/, "").replace(/is at \S+/, "is at MAC"))).toEqual([
      "ARP request: who has 10.0.0.2? tell 10.0.0.1",
      "ARP reply: 10.0.0.2 is at MAC",
      "ICMP echo request 10.0.0.1 > 10.0.0.2 (seq 1)",
      "ICMP echo reply 10.0.0.2 > 10.0.0.1 (seq 1)",
    ]);
    expect(r.stdout).toContain("capture A:eth0 #1 ended: 4 packets");
    expect(r.stdout).not.toContain("left running");
  });

  it("--json gives each packet as a record", async () => {
    const f = script("json.netl", `${LINK}capture A:eth0 count 2 filter "icmp"\nping A B\n`);
    const r = await netl(["test", "--json", "--prefix", `${prefix}-j`, f]);
    const records = r.stdout.split("\n").map((l) => JSON.parse(l) as { kind: string; packet?: { kind: string } });
    expect(records.filter((x) => x.kind === "packet").map((x) => x.packet?.kind)).toEqual([
      "icmp-echo-request",
      "icmp-echo-reply",
    ]);
    expect(records.find((x) => x.kind === "capture-end")).toMatchObject({ id: 1, node: "A", packets: 2 });
  });

  it("writes a pcap file that tcpdump -r reads", async () => {
    const pcap = join(dir, "a.pcap");
    const f = script("file.netl", `${LINK}capture A:eth0 count 4 filter "arp or icmp" to "${pcap}"\nping A B\n`);
    const r = await netl(["test", "--prefix", `${prefix}-f`, f]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`capture A:eth0 #1 ended: 4 packets in ${pcap} (tcpdump -r ${pcap} reads them)`);
    const read = execFileSync("tcpdump", ["-n", "-r", pcap], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(
      read
        .split("\n")
        .filter(Boolean)
        .map((l) => l.replace(/^\S+ /, "").replace(/, (length|id) .*$/, "")),
    ).toEqual([
      "ARP, Request who-has 10.0.0.2 tell 10.0.0.1",
      expect.stringMatching(/^ARP, Reply 10.0.0.2 is-at /),
      "IP 10.0.0.1 > 10.0.0.2: ICMP echo request",
      "IP 10.0.0.2 > 10.0.0.1: ICMP echo reply",
    ]);
  });

  it("never writes through a link planted where the file goes: refused, nothing changed", async () => {
    const precious = join(dir, "precious");
    writeFileSync(precious, "root's own\n");
    const link = join(dir, "planted.pcap");
    symlinkSync(precious, link);
    const f = script("link.netl", `${LINK}capture A:eth0 to "${link}"\nping A B\n`);
    const r = await netl(["run", "--prefix", `${prefix}-l`, "--down", f]);
    expect(r.stderr).toContain(`cannot write ${link}: it is a symbolic link`);
    expect(r.exitCode).toBe(1);
    expect(readFileSync(precious, "utf8")).toBe("root's own\n");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("ends with undo and del, and never outlives netl, even in a lab left up", async () => {
    const lab = `${prefix}-u`;
    const events: CaptureEvent[] = [];
    const opened = Driver.open({
      lab,
      prefix: lab,
      executor: new ProcessExecutor(),
      runDir: "/run/netl",
      onCapture: (e) => events.push(e),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const d = opened.value;
    const run = async (text: string) => {
      const r = await d.execute(parse(text).program.statements[0] as Statement, text);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    try {
      await run("ns A B");
      await run("link A <-> B 10.0.0.0/24");
      await run("capture A:eth0");
      expect(tcpdumpsIn(`${lab}-A`)).toHaveLength(1);
      expect(d.capturing).toBe(1);
      await run("ping A B");
      await run("undo");
      expect(tcpdumpsIn(`${lab}-A`)).toEqual([]);
      expect(events.filter((e) => e.kind === "packet").length).toBeGreaterThanOrEqual(2);
      expect(events.at(-1)).toMatchObject({ kind: "end", id: 1 });
      // Undo gave back the id too, as for `spawn`: the next capture is #1 again.
      await run("capture A");
      expect(tcpdumpsIn(`${lab}-A`)).toHaveLength(1);
      await run("del A");
      expect(events.at(-1), JSON.stringify(events)).toMatchObject({ kind: "end", id: 1, ifname: "any" });
      await run("undo");
      // Undo of del starts what ran in A again; a Ctrl-C at the prompt (stopCaptures) ends it.
      expect(tcpdumpsIn(`${lab}-A`)).toHaveLength(1);
      expect(await d.stopCaptures()).toBe(1);
      expect(tcpdumpsIn(`${lab}-A`)).toEqual([]);
    } finally {
      await d.close(false);
    }
    expect(mine()).toEqual([]);
  });

  it("ends when netl leaves a lab up (netl run without --down): the lab stays, the capture does not", async () => {
    const lab = `${prefix}-k`;
    const f = script(
      "kept.netl",
      `${LINK}capture B:eth0
ping A B
`,
    );
    try {
      const r = await netl(["run", "--prefix", lab, "--lab", lab, f]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/capture B:eth0 #1 ended: \d+ packets/);
      expect(netnsList()).toContain(`${lab}-B`);
      expect(tcpdumpsIn(`${lab}-B`)).toEqual([]);
    } finally {
      const down = await netl(["down", lab]);
      expect(down.exitCode, down.stderr).toBe(0);
    }
  });

  it("without tcpdump, says so before anything changes", async () => {
    // Every program of PATH but tcpdump.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    const path = [dirname(process.execPath), ...(process.env.PATH ?? "").split(delimiter)];
    for (const d of path.filter((p) => existsSync(p)))
      for (const name of readdirSync(d, { withFileTypes: true })
        .filter((e) => !e.isDirectory())
        .map((e) => e.name))
        if (name !== "tcpdump")
          try {
            symlinkSync(join(d, name), join(bin, name));
          } catch {}
    const f = script("none.netl", `${LINK}capture A:eth0 count 1\nping A B\n`);
    const r = await netl(["run", "--prefix", `${prefix}-n`, "--down", f], { env: { PATH: bin } });
    expect(r.stderr).toContain("capture needs tcpdump, which is not installed");
    expect(r.stderr).toContain("apt-get install tcpdump");
    expect(r.stdout).not.toContain("+ ns A");
    expect(r.exitCode).toBe(2);
    expect(mine()).toEqual([]);
  });
});
