// Test harness: run netl lines against a World, expecting success or a check error,
// and check the invariants that tie the World's maps together.
import { expect } from "vitest";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../../src/diagnostic.js";
import { addressOf } from "../../src/interpreter/addressing.js";
import { type EvaluableStatement, evaluate, isEvaluable } from "../../src/interpreter/index.js";
import type { Change, Plan, Query } from "../../src/interpreter/plan.js";
import { emptyWorld, nodeOf, type World } from "../../src/interpreter/world.js";

/** One line of netl, read by the real parser: one statement the interpreter evaluates, with its true spans. */
export function stmt(line: string): EvaluableStatement {
  const { program, errors } = parse(line);
  const [only, ...more] = program.statements;
  if (errors.length > 0 || only === undefined || more.length > 0 || !isEvaluable(only))
    throw new Error(`'${line}' is not one statement to evaluate: ${errors.map((e) => e.message).join("; ")}`);
  return only;
}

/** The parser's error for a line that never reaches the interpreter. */
export function refused(line: string): NetlError {
  const [first] = parse(line).errors;
  if (first === undefined) throw new Error(`'${line}' was expected not to parse`);
  expect(first.phase).toBe("parse");
  return first;
}

export function plan(world: World, line: string): Plan {
  const r = evaluate(world, stmt(line));
  if (!r.ok) throw new Error(`'${line}' failed: ${r.error.message} (${r.error.hint})`);
  return r.value;
}

export function change(world: World, line: string): Change {
  const p = plan(world, line);
  if (p.kind !== "change") throw new Error(`'${line}' is a query`);
  return p.change;
}

export function query(world: World, line: string): Query {
  const p = plan(world, line);
  if (p.kind !== "query") throw new Error(`'${line}' is a change`);
  return p.query;
}

/** The World after all the lines, each of which must succeed. */
export function lab(...lines: string[]): World {
  let world = emptyWorld;
  for (const line of lines) {
    const p = plan(world, line);
    if (p.kind === "change") world = p.change.after;
  }
  return world;
}

export function failure(world: World, line: string): NetlError {
  const r = evaluate(world, stmt(line));
  if (r.ok) throw new Error(`'${line}' was expected to fail`);
  expect(r.error.phase).toBe("check");
  return r.error;
}

/** Columns of `part` (its `nth` occurrence) in `line`, as the span fields tests compare. */
export function spanOf(line: string, part: string, nth = 1): { col: number; endCol: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) index = line.indexOf(part, index + 1);
  if (index < 0) throw new Error(`'${part}' not in '${line}'`);
  return { col: index + 1, endCol: index + 1 + part.length };
}

/** The World's indexes agree with its nodes: addresses, link ends, route devs. */
export function checkInvariants(world: World): void {
  let addressCount = 0;
  for (const node of [...world.nodes.values(), world.host]) {
    // The machine's lo is not the lab's; moved interfaces are indexed by name.
    if (node !== world.host) expect(node.ifaces.get("lo")).toBeDefined();
    for (const iface of node.ifaces.values())
      if (iface.origin !== undefined) expect(world.moved.get(iface.name)).toBe(node.name);
    for (const iface of node.ifaces.values()) {
      // Held while down (set … down): still reserved; only a down interface holds anything.
      if (iface.held !== undefined) expect(iface.up).toBe(false);
      for (const cidr of [...iface.addresses, ...(iface.held?.addresses ?? [])]) {
        addressCount++;
        expect(world.addresses.get(addressOf(cidr))).toEqual({ node: node.name, ifname: iface.name });
      }
      if (iface.link !== undefined) {
        const link = world.links.get(iface.link);
        expect(link).toBeDefined();
        const ends = [link?.a, link?.b].filter((e) => e?.node === node.name && e.ifname === iface.name);
        expect(ends).toHaveLength(1);
      }
    }
    // The kernel keeps no route through a down interface (it drops them, and refuses new ones).
    for (const route of node.routes) expect(node.ifaces.get(route.dev ?? "")?.up).toBe(true);
  }
  expect(world.addresses.size).toBe(addressCount);
  for (const [ifname, node] of world.moved) expect(world.nodes.get(node)?.ifaces.get(ifname)?.origin).toBeDefined();
  for (const link of world.links.values()) {
    expect(link.id).toBeLessThan(world.nextLinkId);
    for (const end of [link.a, link.b]) expect(nodeOf(world, end.node)?.ifaces.get(end.ifname)?.link).toBe(link.id);
  }
}
