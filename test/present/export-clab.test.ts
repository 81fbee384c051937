// `netl export --format containerlab` without a kernel or containerlab: every example's topology is valid by
// containerlab's own schema and configures exactly the World the script leaves (node names, link ends,
// addresses, routes); a small lab's exec lists line by line; what does not carry over is named.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { afterAll, describe, expect, it } from "vitest";
import { exportClab, finalWorld } from "../../src/cli/export.js";
import type { Io } from "../../src/cli/io.js";
import { readProgram } from "../../src/driver/source.js";
import { endName } from "../../src/interpreter/summary.js";
import type { World } from "../../src/interpreter/world.js";
import { clabExport, clabName, DEFAULT_IMAGE } from "../../src/present/export-clab.js";
import { lab } from "../interpreter/harness.js";
import {
  addressesSet,
  type ClabDoc,
  commands,
  execWords,
  linkEnds,
  readClab,
  routesSet,
  schemaErrors,
} from "../support/clab.js";

const examples = new URL("../../examples/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "netl-clab-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quietIo = (errors: string[] = []): Io => ({
  out: () => {},
  err: (t) => errors.push(t),
  c: pc.createColors(false),
});

/** A script's topology text, its warnings, and the World it leaves. */
function exported(file: string, image?: string): { text: string; warnings: string[]; world: World } {
  const warnings: string[] = [];
  const text = exportClab(file, image === undefined ? {} : { image }, quietIo(warnings));
  const read = readProgram(file, quietIo());
  if (text === undefined || read === undefined) throw new Error(`${file} was refused: ${warnings.join("\n")}`);
  return { text, warnings, world: finalWorld(read, file) };
}

function script(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** What the World says each interface holds, as `node:ifname` → addresses (the machine's ends as `host:…`). */
function worldAddresses(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of [...world.nodes.values(), world.host])
    for (const iface of node.ifaces.values())
      if (iface.origin === undefined && iface.addresses.length > 0)
        out.set(`${node.name}:${iface.name}`, [...iface.addresses]);
  return out;
}

function worldRoutes(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of world.nodes.values())
    if (node.routes.length > 0)
      out.set(
        node.name,
        node.routes.map((r) => `${r.destination} via ${r.via} dev ${r.dev}`),
      );
  return out;
}

const sortedPairs = (pairs: string[][]): string[] => pairs.map((p) => [...p].sort().join(" <-> ")).sort();

describe("netl export --format containerlab: every example", () => {
  const files = readdirSync(examples).filter((f) => f.endsWith(".netl"));

  it("there are examples to export", () => expect(files.length).toBeGreaterThan(5));

  for (const f of files) {
    it(`${f}: valid by containerlab's schema, and the same nodes, links, addresses and routes as its World`, () => {
      const { text, world } = exported(join(examples, f));
      const doc = readClab(text);
      expect(schemaErrors(doc), `${f}: containerlab's schema refuses it`).toEqual([]);
      expect(doc.name).toBe(f.replace(/\.netl$/, ""));
      expect(Object.keys(doc.topology.nodes)).toEqual([...world.nodes.keys()]);
      for (const n of Object.values(doc.topology.nodes))
        expect(n).toMatchObject({ kind: "linux", image: DEFAULT_IMAGE, "network-mode": "none" });
      expect(sortedPairs(linkEnds(doc))).toEqual(
        sortedPairs([...world.links.values()].map((l) => [endName(l.a), endName(l.b)])),
      );
      expect(addressesSet(doc)).toEqual(worldAddresses(world));
      expect(routesSet(doc)).toEqual(worldRoutes(world));
      // A router forwards; no other node does.
      for (const node of world.nodes.values())
        expect(doc.topology.nodes[node.name]?.sysctls?.["net.ipv4.ip_forward"]).toBe(
          node.kind === "router" ? "1" : undefined,
        );
    });
  }
});

describe("containerlab's schema, as the tests use it", () => {
  const valid = readClab(exported(join(examples, "two-hosts.netl")).text);
  const broken = (edit: (doc: ClabDoc) => void): ClabDoc => {
    const doc = structuredClone(valid);
    edit(doc);
    return doc;
  };

  it("refuses what containerlab would: a kind it does not know, a network mode, an end without an interface, a bad node name, no links", () => {
    expect(schemaErrors(valid)).toEqual([]);
    const a = (doc: ClabDoc) => doc.topology.nodes.A ?? { kind: "", image: "" };
    expect(schemaErrors(broken((d) => (a(d).kind = "linx")))).not.toEqual([]);
    expect(schemaErrors(broken((d) => (a(d)["network-mode"] = "bridged")))).not.toEqual([]);
    expect(schemaErrors(broken((d) => (a(d).exec = [])))).not.toEqual([]);
    expect(
      schemaErrors(broken((d) => (d.topology.links = [{ type: "veth", endpoints: [{ node: "A" } as never] }]))),
    ).not.toEqual([]);
    expect(schemaErrors(broken((d) => (d.topology.nodes["a b"] = a(d))))).not.toEqual([]);
    expect(schemaErrors(broken((d) => (d.topology.links = [])))).not.toEqual([]);
    expect(schemaErrors(broken((d) => (d.name = "-lab")))).not.toEqual([]);
  });
});

describe("netl export --format containerlab: what each node runs", () => {
  it("a switch, a router, conditions each way, an MTU that differs, an end left down, addresses in order", () => {
    const world = lab(
      "switch s 10.5.0.0/24",
      "ns A B",
      "router R",
      "link A <-> s",
      "link R <-> s",
      "link R <-> B 10.6.0.0/24 delay 20ms jitter 5ms mtu 1400",
      "set B -> R mtu 1500 loss 1%",
      "route auto",
      "addr A:lo 10.99.0.1/32",
      "addr A:eth0 10.5.0.9/24",
      "set s <-> R down",
    );
    const { topology, warnings } = clabExport(world, { lab: "small", image: DEFAULT_IMAGE });
    expect(warnings).toEqual([]);
    const nodes = topology.topology.nodes;
    expect(nodes.s).toEqual({
      kind: "linux",
      image: DEFAULT_IMAGE,
      "network-mode": "none",
      sysctls: { "net.ipv6.conf.default.accept_dad": "0" },
      exec: [
        "ip link set lo up",
        "ip link add br0 type bridge",
        "ip link set br0 up",
        "ip link set eth0 up",
        "ip link set eth0 master br0",
        "ip link set eth1 master br0",
        "ip link set eth1 down",
      ],
    });
    // The primary address first, as netl added them: a reversed order would change A's source address.
    expect(nodes.A?.exec).toEqual([
      "ip link set lo up",
      "ip addr add 10.99.0.1/32 dev lo",
      "ip link set eth0 up",
      "ip addr add 10.5.0.1/24 dev eth0",
      "ip addr add 10.5.0.9/24 dev eth0",
      "ip route add default via 10.5.0.2 dev eth0",
    ]);
    // The link is made with R's MTU (1400); B's end was set back to 1500 on its own, with its own queue.
    expect(nodes.B?.exec).toEqual([
      "ip link set lo up",
      "ip link set eth0 up",
      "ip link set eth0 mtu 1500",
      "tc qdisc replace dev eth0 root netem delay 20ms 5ms loss 1%",
      "ip addr add 10.6.0.2/24 dev eth0",
      "ip route add default via 10.6.0.1 dev eth0",
    ]);
    expect(nodes.R).toMatchObject({
      sysctls: {
        "net.ipv6.conf.default.accept_dad": "0",
        "net.ipv4.ip_forward": "1",
        "net.ipv6.conf.all.forwarding": "1",
      },
      exec: [
        "ip link set lo up",
        "ip addr add 10.5.0.2/24 dev eth0",
        "ip link set eth0 down",
        "ip link set eth1 up",
        "tc qdisc replace dev eth1 root netem delay 20ms 5ms",
        "ip addr add 10.6.0.1/24 dev eth1",
      ],
    });
    expect(topology.topology.links).toEqual([
      {
        type: "veth",
        endpoints: [
          { node: "A", interface: "eth0" },
          { node: "s", interface: "eth0" },
        ],
        mtu: 1500,
      },
      {
        type: "veth",
        endpoints: [
          { node: "R", interface: "eth0" },
          { node: "s", interface: "eth1" },
        ],
        mtu: 1500,
      },
      {
        type: "veth",
        endpoints: [
          { node: "R", interface: "eth1" },
          { node: "B", interface: "eth0" },
        ],
        mtu: 1400,
      },
    ]);
  });

  it("the lab as the script leaves it: after undo, a loop and a load", () => {
    const loaded = script("part.netl", ["link h2 <-> h3 10.3.0.0/24"]);
    const file = script("final.netl", [
      "for i in 1..3 { ns h{i} }",
      "link h1 <-> h2 10.1.0.0/24",
      "link h1 <-> h3 10.2.0.0/24",
      "undo",
      `load "${loaded}"`,
    ]);
    const doc = readClab(exported(file).text);
    expect(Object.keys(doc.topology.nodes)).toEqual(["h1", "h2", "h3"]);
    expect(linkEnds(doc)).toEqual([
      ["h1:eth0", "h2:eth0"],
      ["h2:eth1", "h3:eth0"],
    ]);
    expect(addressesSet(doc).get("h3:eth0")).toEqual(["10.3.0.2/24"]);
    expect(addressesSet(doc).has("h1:eth1")).toBe(false);
  });

  it("a link to the machine: a host link, and the host end's addresses set on the machine once the node has its links", () => {
    const world = lab("ns A", "link A <-> host 198.51.100.0/30 mtu 1400");
    const { topology, warnings } = clabExport(world, { lab: "h", image: DEFAULT_IMAGE });
    const hostEnd = [...world.host.ifaces.keys()][0] ?? "";
    expect(topology.topology.links).toEqual([
      { type: "host", endpoint: { node: "A", interface: "eth0" }, "host-interface": hostEnd, mtu: 1400 },
    ]);
    expect(topology.topology.nodes.A?.stages?.configure.exec).toEqual([
      { command: `ip link set ${hostEnd} up`, target: "host", phase: "on-enter" },
      { command: `ip addr add 198.51.100.2/30 dev ${hostEnd}`, target: "host", phase: "on-enter" },
    ]);
    expect(warnings).toEqual([
      `link A <-> host: containerlab makes the host end ${hostEnd} on the machine it deploys on and sets it up with host commands; netl's check that its addresses are new to that machine does not carry over, and clabernetes has no host to link to`,
    ]);
    expect(schemaErrors(readClab(JSON.stringify(topology)))).toEqual([]);
  });

  it("a spawn runs in the background with its output in a file; a $ in it reaches the shell as a $", () => {
    const world = lab("ns A", 'spawn A echo "$HOME" > /tmp/home');
    const { topology, warnings } = clabExport(world, { lab: "s", image: DEFAULT_IMAGE });
    const line = topology.topology.nodes.A?.exec?.at(-1) ?? "";
    expect(line).toContain("$$HOME");
    const words = execWords(line);
    expect(words).toEqual(["sh", "-c", `sh -c 'echo "$HOME" > /tmp/home' </dev/null >>/tmp/netl-spawn-1.log 2>&1 &`]);
    expect(execWords(words[2] ?? "").slice(0, 3)).toEqual(["sh", "-c", 'echo "$HOME" > /tmp/home']);
    expect(warnings).toEqual([
      `spawn A echo "$HOME" > /tmp/home: started in the background by A's exec list (its output in /tmp/netl-spawn-1.log), if the image has what it runs`,
    ]);
  });
});

describe("netl export --format containerlab: what does not carry over is named", () => {
  it("an interface moved in from the machine: left out, with what netl put on it and routes through it", () => {
    const world = lab("ns A B", "link A <-> B 10.0.0.0/24", "move eth5 -> A", "addr A:eth5 10.9.0.1/24");
    const { topology, warnings } = clabExport(world, { lab: "m", image: DEFAULT_IMAGE });
    expect(warnings).toEqual([
      "move eth5 -> A does not carry over: containerlab cannot move an interface of the machine into a node; A:eth5 (10.9.0.1/24) and routes through it are left out",
    ]);
    const lines = commands(readClab(JSON.stringify(topology))).map((c) => c.words.join(" "));
    expect(lines.filter((l) => l.includes("eth5"))).toEqual([]);
  });

  it("firewall rules: one nft command, and a warning only for the default image, which has no nft", () => {
    const world = lab("ns A B", "link A <-> B 10.0.0.0/24", "block A -> B", "allow A -> B tcp 22");
    const withDefault = clabExport(world, { lab: "f", image: DEFAULT_IMAGE });
    expect(withDefault.warnings).toEqual([
      `block A -> B; allow A -> B tcp 22: one nft command in A's exec list, but ${DEFAULT_IMAGE} has no nft: use --image with an image that has nftables`,
    ]);
    const nft = withDefault.topology.topology.nodes.A?.exec?.at(-1) ?? "";
    expect(execWords(nft)[0]).toBe("nft");
    expect(execWords(nft)).toHaveLength(2);
    expect(execWords(nft)[1]).toContain("add rule inet netl_A output ip daddr { 10.0.0.2/32 } tcp dport 22 accept");
    expect(clabExport(world, { lab: "f", image: "nicolaka/netshoot" }).warnings).toEqual([]);
  });

  it("a plain lab has nothing to warn about", () => {
    expect(clabExport(lab("ns A B", "link A <-> B 10.0.0.0/24"), { lab: "p", image: DEFAULT_IMAGE }).warnings).toEqual(
      [],
    );
  });
});

describe("clabName", () => {
  it("keeps a name containerlab takes, and mends one it would refuse", () => {
    expect(clabName("two-hosts")).toBe("two-hosts");
    expect(clabName("lab_1.v2")).toBe("lab_1.v2");
    expect(clabName("_x")).toBe("lab_x");
    expect(clabName("a b+c")).toBe("a-b-c");
    for (const n of ["_x", "-y", ".z", "a b"])
      expect(schemaErrors({ name: clabName(n), topology: { nodes: {} } })).toEqual([]);
  });
});
