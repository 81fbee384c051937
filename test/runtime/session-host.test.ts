// The Session with host links on a fake machine: it reads the machine before a statement that
// touches host, records the host end, and checks again before undo and redo put one back — a
// route the machine gained meanwhile refuses the redo before any batch runs.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import type { ExecResult, Executor, RunOptions } from "../../src/runtime/executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-host-");

/** `ip -j` answers from a made-up machine (its routes can change); every batch is accepted and written down. */
class FakeMachine implements Executor {
  readonly batches: string[][] = [];
  routes: object[] = [{ dst: "default", gateway: "192.0.2.1", dev: "eth0" }];
  /** The machine's interfaces, by identity: eth0, and the host ends the batches made. */
  readonly links = new Map([["eth0", { ifname: "eth0", ifindex: 2, address: "02:00:00:00:00:02" }]]);

  async run(argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
    const text = argv.join(" ");
    const answer = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: "" });
    if (text === "ip -j addr show") return answer(JSON.stringify([{ ifname: "eth0", mtu: 1500, flags: ["UP"] }]));
    if (text === "ip -j -4 route show table all") return answer(JSON.stringify(this.routes));
    if (text === "ip -j -6 route show table all") return answer("[]");
    if (text === "ip -j link show") return answer(JSON.stringify([...this.links.values()]));
    const lines = (options.input ?? "").split("\n").filter((l) => l !== "");
    for (const line of lines) {
      const [verb, op, name = ""] = line.split(" ");
      const ifindex = this.links.size + 2;
      if (verb === "link" && op === "add")
        this.links.set(name, { ifname: name, ifindex, address: `02:00:00:00:00:${String(ifindex).padStart(2, "0")}` });
      if (verb === "link" && op === "del") this.links.delete(name);
    }
    this.batches.push(lines);
    return answer("");
  }
}

function open(executor: Executor) {
  const dir = tempDir();
  const paths = { runDir: join(dir, "run"), netnsDir: join(dir, "netns"), sysNetDir: join(dir, "net") };
  for (const p of Object.values(paths)) mkdirSync(p);
  const s = Driver.open({ lab: "h", executor, ...paths });
  if (!s.ok) throw new Error(s.error.message);
  return { session: s.value, runDir: paths.runDir };
}

async function run(session: Driver, text: string) {
  const { program } = parse(text);
  return session.execute(program.statements[0] as Statement, text);
}

describe("a Session with a host link", () => {
  it("records the host end, and refuses a redo the machine's new route would overlap", async () => {
    const machine = new FakeMachine();
    const { session, runDir } = open(machine);
    const end = `${hostStem("h", undefined)}h0`;
    expect((await run(session, "ns A")).ok).toBe(true);
    expect(await run(session, "link A <-> host 10.213.0.0/30")).toMatchObject({ ok: true });
    expect(machine.batches.flat()).toContain(`link add ${end} type veth peer name eth0 netns A`);
    // By its identity as the machine has it.
    expect(JSON.parse(readFileSync(join(runDir, "h.json"), "utf8")).hostInterfaces).toEqual([
      { name: end, ifindex: 3, mac: "02:00:00:00:00:03" },
    ]);

    expect((await run(session, "undo")).ok).toBe(true);
    machine.routes.push({ dst: "10.213.0.0/16", gateway: "192.0.2.9", dev: "eth0" });
    const batches = machine.batches.length;
    const redo = await run(session, "redo");
    expect(redo).toMatchObject({
      ok: false,
      error: {
        code: "host-overlap",
        message: "10.213.0.0/30 overlaps the machine's route 10.213.0.0/16 via 192.0.2.9 dev eth0",
      },
    });
    expect(machine.batches.length).toBe(batches);
    expect(session.world.host.ifaces.size).toBe(0);
  });
});
