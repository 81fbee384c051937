// `netl ls` as containerlab inspect shows a topology: the lab's state (its netl running, up, partly
// gone, gone), its nodes with namespace, state and addresses, its links with both ends' addresses.
import { expect, test } from "vitest";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { type LabFacts, labJson, labLines, stateOf } from "../../src/present/ls.js";
import type { LabRecord } from "../../src/runtime/lab-record.js";
import { change } from "../interpreter/harness.js";

let world: World = emptyWorld;
for (const line of [
  "ns A B",
  "router R",
  "link A <-> R 10.1.0.0/24",
  "link R <-> B 10.2.0.0/24 fd02::/64",
  "set R <-> B down",
])
  world = change(world, line).after;

const names = ["p-A", "p-B", "p-R"];
const record: LabRecord = {
  version: 2,
  lab: "lab",
  prefix: "p",
  pid: 4242,
  updated: "2026-01-01T00:00:00.000Z",
  namespaces: names.map((name, i) => ({ name, dev: 4, ino: 4026532300 + i })),
};
const facts = (over: Partial<LabFacts> = {}): LabFacts => ({
  record,
  world,
  namespaces: names,
  present: new Set(names),
  others: [],
  alive: false,
  ...over,
});

test("a lab up whose netl has ended: its nodes and links with their addresses", () => {
  expect(labLines(facts())).toEqual([
    "lab: up (its netl has ended: netl attach lab to work in it, netl down lab to remove it), prefix p",
    "  NODE  KIND    NAMESPACE  STATE  INTERFACES",
    "  A     ns      p-A        up     eth0 10.1.0.1/24",
    "  B     ns      p-B        up     eth0 10.2.0.2/24 fd02::2/64 (down)",
    "  R     router  p-R        up     eth0 10.1.0.2/24, eth1 10.2.0.1/24 fd02::1/64 (down)",
    "  links:",
    "    A:eth0 10.1.0.1/24 <-> R:eth0 10.1.0.2/24",
    "    R:eth1 10.2.0.1/24 fd02::1/64 <-> B:eth0 10.2.0.2/24 fd02::2/64",
  ]);
});

test("each state, from the record's pid and which namespaces exist", () => {
  expect(stateOf(facts({ alive: true }))).toBe("running");
  expect(labLines(facts({ alive: true, holder: 4242 }))[0]).toBe("lab: running (its netl runs, pid 4242), prefix p");
  // Held by a process whose lock file does not name it truly: no pid is made up.
  expect(labLines(facts({ alive: true }))[0]).toBe("lab: running (a netl holds it), prefix p");
  expect(stateOf(facts())).toBe("up");
  const partial = facts({ present: new Set(["p-A"]) });
  expect(stateOf(partial)).toBe("partial");
  expect(labLines(partial)[0]).toContain("partly gone (2 of 3 namespaces missing");
  expect(labLines(partial)[3]).toBe("  B     ns      p-B        gone   eth0 10.2.0.2/24 fd02::2/64 (down)");
  const gone = facts({ present: new Set() });
  expect(stateOf(gone)).toBe("gone");
  expect(labLines(gone)[0]).toContain("gone (none of its namespaces exists: netl down lab forgets it)");
});

test("a record without a World (an older netl): its namespaces, nothing made up", () => {
  expect(labLines(facts({ world: undefined, present: new Set(["p-A"]) }))).toEqual([
    "lab: partly gone (2 of 3 namespaces missing: netl down lab removes the rest), prefix p",
    "  NODE  KIND  NAMESPACE  STATE  INTERFACES",
    "  ?     ?     p-A        up     ?",
    "  ?     ?     p-B        gone   ?",
    "  ?     ?     p-R        gone   ?",
  ]);
  const json = labJson(facts({ world: undefined })) as Record<string, unknown>;
  expect(json.nodes).toBeNull();
  expect(json.links).toBeNull();
});

test("--json: the record's fields, the state, nodes and links with addresses", () => {
  const json = labJson(facts()) as Record<string, unknown>;
  expect(json).toMatchObject({
    lab: "lab",
    prefix: "p",
    pid: 4242,
    alive: false,
    state: "up",
    namespaces: ["p-A", "p-B", "p-R"],
    present: ["p-A", "p-B", "p-R"],
    missing: [],
  });
  expect((json.nodes as unknown[])[1]).toEqual({
    name: "B",
    kind: "ns",
    namespace: "p-B",
    state: "up",
    interfaces: [
      { name: "lo", addresses: [], up: true },
      { name: "eth0", addresses: ["10.2.0.2/24", "fd02::2/64"], up: false },
    ],
  });
  expect(json.links).toEqual([
    {
      a: { node: "A", interface: "eth0", addresses: ["10.1.0.1/24"] },
      b: { node: "R", interface: "eth0", addresses: ["10.1.0.2/24"] },
    },
    {
      a: { node: "R", interface: "eth1", addresses: ["10.2.0.1/24", "fd02::1/64"] },
      b: { node: "B", interface: "eth0", addresses: ["10.2.0.2/24", "fd02::2/64"] },
    },
  ]);
});
