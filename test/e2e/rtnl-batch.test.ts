// The many-namespace rtnetlink process (src/runtime/rtnl-batch.ts, native/rtnl.pl) against the real
// kernel: the same ops leave the same state through it as through their lines in `ip -n NS -batch -`
// (addresses, their flags, routes with metric, protocol and scope, link flags), a refused request is
// reported as ip reports its line, and a change it refuses part of is taken back whole.
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { lower } from "../../src/interpreter/ops/lower.js";
import { specOf } from "../../src/interpreter/ops/table.js";
import type { Op, RouteSpec } from "../../src/interpreter/ops/types.js";
import { applyAll } from "../../src/runtime/apply.js";
import { runBatch, runRtnl } from "../../src/runtime/batch.js";
import { type Executor, ProcessExecutor } from "../../src/runtime/executor.js";
import type { PlannedLine } from "../../src/runtime/stages.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { labState } from "../support/kernel-state.js";

const prefix = testPrefix("rtnl");
const executor = new ProcessExecutor();
/** An op's planned line in namespace `ns`: its `ip` words and its rtnetlink request. */
const line = (ns: string, op: Op): PlannedLine => ({ step: lower(op, () => ns), ops: [], rtnl: specOf(op).rtnl?.(op) });
const up = (ifname: string, on = true): Op => ({ kind: "link.set", node: "n", ifname, up: on });
const addr = (ifname: string, cidr: string): Op => ({ kind: "addr.add", node: "n", ifname, cidr });
const route = (r: Omit<RouteSpec, "family">): Op => ({
  kind: "route.add",
  node: "n",
  route: { ...r, family: r.via.includes(":") ? 6 : 4 },
});
const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });
const json = (ns: string, ...args: string[]) =>
  JSON.parse(ip("-j", "-n", ns, ...args) || "[]") as Record<string, unknown>[];

/** Two namespaces `${lab}-a` and `${lab}-b` joined by eth0 and eth1 veth pairs, all down. */
function pair(lab: string) {
  ip("netns", "add", `${lab}-a`);
  ip("netns", "add", `${lab}-b`);
  for (const dev of ["eth0", "eth1"])
    ip("link", "add", dev, "netns", `${lab}-a`, "type", "veth", "peer", "name", dev, "netns", `${lab}-b`);
}

const LINES: Record<"a" | "b", Op[]> = {
  a: [
    up("lo"),
    up("eth0"),
    up("eth1"),
    addr("eth0", "10.0.0.1/24"),
    addr("eth0", "10.0.0.3/24"),
    addr("lo", "127.0.0.9/8"),
    addr("eth0", "fd00::1/64"),
    route({ destination: "default", via: "10.0.0.2", dev: "eth0" }),
    route({ destination: "10.9.0.0/16", via: "10.0.0.2", metric: 7 }),
    route({ destination: "fd09::/48", via: "fd00::2", dev: "eth0" }),
    route({ destination: "default", via: "fd00::2", dev: "eth0" }),
    up("eth1", false),
  ],
  b: [up("eth0"), addr("eth0", "10.0.0.2/24"), addr("eth0", "fd00::2/64")],
};

/** What `ip -j` shows of a namespace, with what differs between any two creations left out. */
function detail(ns: string) {
  const addrs = json(ns, "addr").flatMap((l) =>
    (l.addr_info as Record<string, unknown>[])
      .filter((a) => a.scope !== "link")
      .map((a) => {
        const { valid_life_time: _v, preferred_life_time: _p, ...rest } = a;
        return `${l.ifname} ${JSON.stringify(rest)}`;
      }),
  );
  const routes = [...json(ns, "-4", "route"), ...json(ns, "-6", "route")]
    .filter((r) => !String(r.dst).startsWith("fe80:") && r.dst !== "multicast")
    .map((r) => JSON.stringify(r));
  const flags = json(ns, "link").map((l) => `${l.ifname} ${(l.flags as string[]).join(",")}`);
  return { addrs: addrs.sort(), routes: routes.sort(), flags: flags.sort() };
}

describe.runIf(kernelTestsEnabled(__filename))("the rtnetlink process", () => {
  afterAll(() => {
    for (const ns of netnsList().filter((n) => n.startsWith(prefix))) ip("netns", "del", ns);
  });

  it("runs as one Perl process on this machine", () => {
    expect(executor.rtnl(false)?.[0]).toBe("perl");
    expect(executor.rtnl(true)?.at(-1)).toBe("-force");
  });

  it("leaves each namespace as `ip -n NS -batch -` does", async () => {
    const [byIp, byRtnl] = [`${prefix}p`, `${prefix}q`];
    pair(byIp);
    pair(byRtnl);
    for (const node of ["a", "b"] as const) {
      const ns = `${byIp}-${node}`;
      expect(
        await runBatch(
          executor,
          ns,
          LINES[node].map((l) => line(ns, l)),
          false,
        ),
      ).toMatchObject({ failures: [] });
    }
    const group = (["a", "b"] as const).map((node) => {
      const ns = `${byRtnl}-${node}`;
      return [ns, LINES[node].map((l) => line(ns, l))] as const;
    });
    const r = await runRtnl(executor, executor.rtnl(false) ?? [], group, false);
    expect(r).toEqual({ done: [...Array(LINES.a.length + LINES.b.length).keys()], failures: [] });
    expect(labState(byRtnl)).toEqual(labState(byIp));
    for (const node of ["a", "b"]) expect(detail(`${byRtnl}-${node}`)).toEqual(detail(`${byIp}-${node}`));
  });

  it("reports a refused line as ip does, stops there, and goes on with -force", async () => {
    const [byIp, byRtnl] = [`${prefix}p`, `${prefix}q`];
    const refused: [string, Op][] = [
      ["a", up("eth9")],
      ["a", addr("eth0", "10.0.0.1/24")],
      ["b", route({ destination: "10.8.0.0/16", via: "10.7.0.1" })],
      ["b", addr("eth7", "10.0.0.2/24")],
      ["b", route({ destination: "10.6.0.0/16", via: "10.0.0.1", dev: "eth5" })],
      ["b", route({ destination: "fd08::/48", via: "fd07::1", metric: 3 })],
    ];
    const ipSays = refused.map(([node, op]) => {
      try {
        execFileSync("ip", ["-n", `${byIp}-${node}`, ...lower(op, () => "").line], { encoding: "utf8", stdio: "pipe" });
        return "";
      } catch (e) {
        return String((e as { stderr: string }).stderr).trim();
      }
    });
    expect(ipSays.every((s) => s !== "")).toBe(true);
    const lines = [
      line(`${byRtnl}-a`, up("lo")),
      ...refused.map(([node, op]) => line(`${byRtnl}-${node}`, op)),
      line(`${byRtnl}-b`, up("lo")),
    ];
    const group = [
      [`${byRtnl}-a`, lines.slice(0, 3)],
      [`${byRtnl}-b`, lines.slice(3)],
    ] as const;
    const stopped = await runRtnl(executor, executor.rtnl(false) ?? [], group, false);
    expect(stopped).toEqual({
      done: [0],
      failures: [{ argv: lines[1]?.step.command, stderr: ipSays[0] }],
      failedLine: 1,
    });
    const forced = await runRtnl(executor, executor.rtnl(true) ?? [], group, true);
    expect(forced.done).toEqual([0, lines.length - 1]);
    expect(forced.failures).toEqual(refused.map((_, i) => ({ argv: lines[i + 1]?.step.command, stderr: ipSays[i] })));
  });

  it("a change it refuses a line of is taken back whole, in every namespace", async () => {
    const lab = `${prefix}r`;
    const nsName = (node: string) => `${lab}-${node}`;
    const ops: Op[] = [
      ...["A", "B", "C"].map((node): Op => ({ kind: "netns.add", node })),
      { kind: "veth.add", a: { node: "A", ifname: "eth0" }, b: { node: "B", ifname: "eth0" } },
      { kind: "veth.add", a: { node: "B", ifname: "eth1" }, b: { node: "C", ifname: "eth0" } },
      ...["A", "B", "C"].map((node): Op => ({ kind: "link.set", node, ifname: "eth0", up: true })),
      { kind: "addr.add", node: "A", ifname: "eth0", cidr: "10.0.0.1/24" },
      { kind: "addr.add", node: "B", ifname: "eth0", cidr: "10.0.0.2/24" },
      // No such interface: the interpreter would never ask for it; here the kernel refuses it.
      { kind: "addr.add", node: "C", ifname: "eth5", cidr: "10.0.1.2/24" },
    ];
    // Which programs ran: the three namespaces' lines must have gone to the one rtnetlink process.
    const ran: string[] = [];
    const spy: Executor = {
      run: (argv, options) => {
        ran.push(argv[0] === "perl" ? "rtnl" : argv.join(" "));
        return executor.run(argv, options);
      },
      rtnl: (force) => executor.rtnl(force),
    };
    const outcome = await applyAll(ops, { executor: spy, nsName });
    // The namespaces (`ip -batch` where no journaling maker is offered), the veths, then the one process.
    expect(ran.slice(0, 3)).toEqual(["ip -batch -", "ip -batch -", "rtnl"]);
    expect(outcome).toMatchObject({
      ok: false,
      failed: { argv: ["ip", "-n", `${lab}-C`, "addr", "add", "10.0.1.2/24", "dev", "eth5"] },
      rollbackFailures: [],
    });
    expect(netnsList().filter((n) => n.startsWith(`${lab}-`))).toEqual([]);
  });
});
