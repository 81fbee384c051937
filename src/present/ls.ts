// `netl ls`: each lab with a record, as `containerlab inspect` shows a topology: its state (up, its
// netl running, gone), its nodes with their namespaces and addresses, its links with the addresses on
// both ends; as text for people, as one JSON array for machines (docs/JSON.md).

import type { Iface, Link, World } from "../interpreter/world.js";
import { HOST, nodeOf } from "../interpreter/world.js";
import type { LabRecord } from "../runtime/lab-record.js";

/** What `ls` knows of one lab: its record, the World its netl kept, and what the machine has now. */
export interface LabFacts {
  readonly record: LabRecord;
  /** undefined: the netl that wrote the record kept none (an older netl). */
  readonly world: World | undefined;
  /** Kernel names of every namespace the lab made (its record's and its journal's). */
  readonly namespaces: readonly string[];
  /** Which of them exist and are still the very namespace the lab made. */
  readonly present: ReadonlySet<string>;
  /** Which of them now name something else: the lab leaves those alone. */
  readonly others: readonly string[];
  /** Whether a netl holds the lab (its lock), and that netl's pid when its lock file names it truly. */
  readonly alive: boolean;
  readonly holder?: number | undefined;
}

export type LabState = "running" | "up" | "partial" | "gone";

export function stateOf(facts: LabFacts): LabState {
  const { namespaces } = facts;
  const here = namespaces.filter((ns) => facts.present.has(ns)).length;
  if (facts.alive) return "running";
  if (namespaces.length > 0 && here === 0) return "gone";
  return here < namespaces.length ? "partial" : "up";
}

const kernelName = (record: LabRecord, node: string) => (record.prefix ? `${record.prefix}-${node}` : node);

/** Its addresses, and `(down)`, as `show` writes them. */
const ifaceWords = (i: Iface): string[] => [
  i.name,
  ...i.addresses,
  ...(i.held?.addresses ?? []),
  ...(i.up ? [] : ["(down)"]),
];

/** Its addresses, with those `set … down` holds (they come back with `up`). */
const addressesOf = (world: World, end: Link["a"]): string[] => {
  const iface = nodeOf(world, end.node)?.ifaces.get(end.ifname);
  return [...(iface?.addresses ?? []), ...(iface?.held?.addresses ?? [])];
};

const endWords = (world: World, end: Link["a"]): string =>
  [end.node === HOST ? `host:${end.ifname}` : `${end.node}:${end.ifname}`, ...addressesOf(world, end)].join(" ");

function stateWords(facts: LabFacts, state: LabState): string {
  const lab = facts.record.lab;
  const { namespaces } = facts;
  switch (state) {
    case "running":
      return facts.holder === undefined ? "running (a netl holds it)" : `running (its netl runs, pid ${facts.holder})`;
    case "up":
      return `up (its netl has ended: netl attach ${lab} to work in it, netl down ${lab} to remove it)`;
    case "partial": {
      const gone = namespaces.filter((ns) => !facts.present.has(ns));
      return `partly gone (${gone.length} of ${namespaces.length} namespaces missing: netl down ${lab} removes the rest)`;
    }
    case "gone":
      return `gone (none of its namespaces exists: netl down ${lab} forgets it)`;
  }
}

/** Rows of cells as columns two spaces apart, each line indented. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map(
    (r) => `${indent}${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")}`,
  );
}

/** One lab as text: a line with its state, a table of its nodes, its links, and what it holds on the machine. */
export function labLines(facts: LabFacts): string[] {
  const { record, world } = facts;
  const state = stateOf(facts);
  const out = [`${record.lab}: ${stateWords(facts, state)}${record.prefix ? `, prefix ${record.prefix}` : ""}`];
  const rows: string[][] = [["NODE", "KIND", "NAMESPACE", "STATE", "INTERFACES"]];
  if (world !== undefined) {
    for (const n of world.nodes.values()) {
      const ns = kernelName(record, n.name);
      const ifaces = [...n.ifaces.values()].filter((i) => i.name !== "lo" || i.addresses.length > 0);
      rows.push([
        n.name,
        n.kind,
        ns,
        facts.present.has(ns) ? "up" : "gone",
        ifaces.map((i) => ifaceWords(i).join(" ")).join(", ") || "-",
      ]);
    }
  } else {
    // A record without a World (an older netl): its namespaces are all that is known.
    for (const ns of facts.namespaces) rows.push(["?", "?", ns, facts.present.has(ns) ? "up" : "gone", "?"]);
  }
  if (rows.length > 1) out.push(...table(rows, "  "));
  const links = world === undefined ? [] : [...world.links.values()];
  if (links.length > 0)
    out.push(
      "  links:",
      ...links.map((l) => `    ${endWords(world as World, l.a)} <-> ${endWords(world as World, l.b)}`),
    );
  if (facts.others.length > 0)
    out.push(`  no longer the lab's (another namespace has the name now; left alone): ${facts.others.join(" ")}`);
  if (record.hostInterfaces?.length)
    out.push(`  host ends on the machine: ${record.hostInterfaces.map((h) => h.name).join(" ")}`);
  if (record.moved?.length) out.push(`  holds the machine's ${record.moved.map((m) => m.ifname).join(" ")}`);
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One lab as data (docs/JSON.md, `netl ls --json`). */
export function labJson(facts: LabFacts): Json {
  const { record: r, world } = facts;
  const present = facts.namespaces.filter((ns) => facts.present.has(ns));
  const end = (e: Link["a"]): Json => ({
    node: e.node,
    interface: e.ifname,
    addresses: world === undefined ? [] : addressesOf(world, e),
  });
  return {
    lab: r.lab,
    prefix: r.prefix ?? null,
    pid: facts.holder ?? r.pid,
    alive: facts.alive,
    state: stateOf(facts),
    updated: r.updated,
    namespaces: [...facts.namespaces],
    present,
    missing: facts.namespaces.filter((ns) => !facts.present.has(ns) && !facts.others.includes(ns)),
    notTheLabs: [...facts.others],
    hostInterfaces: (r.hostInterfaces ?? []).map((h) => h.name),
    moved: (r.moved ?? []).map((m) => ({ ifname: m.ifname, netns: m.netns })),
    nodes:
      world === undefined
        ? null
        : [...world.nodes.values()].map((n) => ({
            name: n.name,
            kind: n.kind,
            namespace: kernelName(r, n.name),
            state: facts.present.has(kernelName(r, n.name)) ? "up" : "gone",
            interfaces: [...n.ifaces.values()].map((i) => ({
              name: i.name,
              addresses: [...i.addresses, ...(i.held?.addresses ?? [])],
              up: i.up,
            })),
          })),
    links: world === undefined ? null : [...world.links.values()].map((l) => ({ a: end(l.a), b: end(l.b) })),
  };
}
