// A lesson's checks: each reads the live lab (the World, and a ping when it asks whether a node
// reaches another now) and what the learner did in this lesson (record.ts), and says what is still
// missing. They verify the result, not the keyword: an exec that failed or ran elsewhere, a show
// before the nodes existed, an undo that undid nothing of this lesson, an address outside the
// prefix asked for, each leaves its check unmet.
import { readCondition } from "../../grammar/quantities.js";
import { onSubnet } from "../interpreter/addressing.js";
import { linksBetween } from "../interpreter/links.js";
import { HOST, nodeOf, type World } from "../interpreter/world.js";
import type { Message } from "../words/catalogue.js";
import { CHECKS } from "../words/checks.js";
import { commandListsInterfaces, decidingPingTarget } from "./commands.js";
import { type Did, type Record, succeeded } from "./record.js";

export type Check =
  | { readonly kind: "node" | "router"; readonly name: string }
  | { readonly kind: "switch"; readonly name: string; readonly prefix?: string }
  | { readonly kind: "link"; readonly a: string; readonly b: string; readonly prefix?: string }
  | { readonly kind: "no-link" | "undid-link"; readonly a: string; readonly b: string }
  | { readonly kind: "listed"; readonly names: readonly string[] }
  | { readonly kind: "deleted"; readonly name: string }
  | { readonly kind: "exec-ifaces"; readonly node: string }
  | { readonly kind: "pinged" | "reaches"; readonly from: string; readonly to: string }
  | { readonly kind: "moved"; readonly node: string; readonly iface: string }
  | { readonly kind: "default-route"; readonly node: string; readonly via: string }
  | { readonly kind: "ran-route-auto" }
  | {
      readonly kind: "condition";
      readonly a: string;
      readonly b: string;
      readonly text: string;
      readonly value: number;
    }
  | { readonly kind: "captured-arp"; readonly node: string };

const PREFIX = /^[0-9a-f.:]+\/\d+$/i;

/** A `check …` line's words as a Check, or why they are not one (lessons are checked by a test). */
export function parseCheck(words: readonly string[]): Check | string {
  const [kind = "", x = "", y = "", z = "", w = ""] = words;
  const n = words.length;
  const prefix = (p: string) => (p === "" ? {} : PREFIX.test(p) ? { prefix: p } : undefined);
  switch (kind) {
    case "node":
    case "router":
    case "deleted":
    case "captured-arp":
      if (n !== 2) break;
      return kind === "captured-arp" ? { kind, node: x } : { kind, name: x };
    case "switch": {
      const p = prefix(y);
      if (n > 3 || p === undefined) break;
      return { kind, name: x, ...p };
    }
    case "link": {
      const p = prefix(z);
      if (n < 3 || n > 4 || p === undefined) break;
      return { kind, a: x, b: y, ...p };
    }
    case "no-link":
    case "undid-link":
      return n === 3 ? { kind, a: x, b: y } : `${kind} takes two nodes`;
    case "listed":
      return n >= 2 ? { kind, names: words.slice(1) } : "listed takes the nodes that must exist";
    case "exec":
      return n === 3 && y === "ifaces" ? { kind: "exec-ifaces", node: x } : "exec takes NODE ifaces";
    case "pinged":
    case "reaches":
      return n === 3 ? { kind, from: x, to: y } : `${kind} takes FROM TO`;
    case "moved":
      return n === 3 ? { kind, node: x, iface: y } : "moved takes NODE IFACE";
    case "default-route":
      return n === 3 ? { kind, node: x, via: y } : "default-route takes NODE VIA";
    case "ran":
      return n === 2 && x === "route-auto" ? { kind: "ran-route-auto" } : "ran takes route-auto";
    case "condition": {
      if (n !== 5 || z === "mtu") break;
      const read = readCondition(z as "rate", w);
      return read.ok ? { kind, a: x, b: y, text: `${z} ${w}`, value: read.value } : read.message;
    }
  }
  return `not a check: ${words.join(" ")}`;
}

/** A node's addresses without their prefix lengths. */
const addressesOf = (world: World, name: string): string[] =>
  [...(nodeOf(world, name)?.ifaces.values() ?? [])].flatMap((i) => i.addresses.map((c) => c.split("/")[0] ?? ""));

/** The addresses on the links between a and b, both ends. */
function linkAddresses(world: World, a: string, b: string): { ends: string[][]; links: number } {
  const node = nodeOf(world, a);
  const links = node === undefined ? [] : linksBetween(world, node, b);
  const ends = links.flatMap((l) =>
    [l.a, l.b].map((e) => [...(nodeOf(world, e.node)?.ifaces.get(e.ifname)?.addresses ?? [])]),
  );
  return { ends, links: links.length };
}

/**
 * Whether a statement pinged `to` from `from` and got replies, at an address `to` has now (one it had
 * then but has no more, a link since made again elsewhere, does not count).
 */
function pingedBy(d: Did, from: string, to: string, now: World): boolean {
  const held = (address: string) =>
    addressesOf(d.before, to).includes(address) && addressesOf(now, to).includes(address);
  const at = (address: string | undefined) =>
    address !== undefined && (address === to || held(address) || (to === "127.0.0.1" && address === "localhost"));
  const { stmt, outcome } = d;
  // A ping that got no reply pinged nothing, wherever it was aimed.
  if (stmt.kind === "ping" && outcome?.kind === "ping")
    return (
      outcome.ok &&
      stmt.from.text === from &&
      (stmt.to.kind === "node" ? stmt.to.name.text === to : true) &&
      at(outcome.address)
    );
  if (stmt.kind === "expect" && !stmt.negated && stmt.check.kind === "ping") {
    const target = stmt.check.to;
    const still = addressesOf(d.before, to).some((a) => addressesOf(now, to).includes(a));
    return (
      stmt.check.from.text === from &&
      (target.kind === "node" ? target.name.text === to && still : at(target.address.address))
    );
  }
  // Only a ping whose exit status the exec's is: its success is then the ping's.
  if (stmt.kind === "exec") return stmt.node.text === from && at(decidingPingTarget(stmt.command));
  return false;
}

/** How many routes the lab's nodes have. */
const routeCount = (world: World): number => [...world.nodes.values()].reduce((n, node) => n + node.routes.length, 0);

/** Which of `names` are not in `world`. */
const absent = (world: World, names: readonly string[]) => names.filter((n) => nodeOf(world, n) === undefined);

const linked = (world: World, a: string, b: string): boolean => linkAddresses(world, a, b).links > 0;

/** What the check still misses, or undefined when it holds. `reaches` asks the live lab. */
export async function unmet(
  check: Check,
  world: World,
  record: Record,
  reaches: (from: string, to: string) => Promise<boolean>,
): Promise<Message | undefined> {
  const done = succeeded(record);
  switch (check.kind) {
    case "node":
    case "router": {
      const node = world.nodes.get(check.name);
      const ok = node !== undefined && (check.kind === "node" || node.kind === "router");
      return ok ? undefined : CHECKS[check.kind]({ name: check.name });
    }
    case "switch": {
      const node = world.nodes.get(check.name);
      const ok = node?.kind === "switch" && (check.prefix === undefined || node.prefixes?.includes(check.prefix));
      if (ok) return undefined;
      return check.prefix === undefined
        ? CHECKS.switch({ name: check.name })
        : CHECKS.switchOn({ name: check.name, prefix: check.prefix });
    }
    case "link": {
      const { a, b, prefix } = check;
      const { ends, links } = linkAddresses(world, a, b);
      if (links === 0) return prefix === undefined ? CHECKS.link({ a, b }) : CHECKS.linkOn({ a, b, prefix });
      if (prefix === undefined) return undefined;
      // Every addressed end (a switch's has none) in the prefix, with its length; at least one.
      const length = prefix.split("/")[1];
      const fits = (cidr: string) => cidr.split("/")[1] === length && onSubnet(prefix, cidr.split("/")[0] ?? "");
      const addressed = ends.filter((e) => e.length > 0);
      if (addressed.length > 0 && addressed.every((e) => e.some(fits))) return undefined;
      const have = ends.flat().join(", ");
      return CHECKS.wrongAddresses({ a, b, prefix, have: have === "" ? CHECKS.noAddresses() : have });
    }
    case "no-link":
      return linked(world, check.a, check.b) ? CHECKS.noLink({ a: check.a, b: check.b }) : undefined;
    case "listed": {
      const ok = counted(check, world, record).length > 0;
      const [last = "", ...first] = [...check.names].reverse();
      const names = first.length === 0 ? last : CHECKS.and({ first: first.reverse().join(", "), last });
      return ok ? undefined : CHECKS.listed({ names });
    }
    case "deleted": {
      const ok =
        done.some((d) => d.stmt.kind === "del" && d.stmt.names.some((n) => n.text === check.name)) &&
        nodeOf(world, check.name) === undefined;
      return ok ? undefined : CHECKS.deleted({ name: check.name });
    }
    case "exec-ifaces": {
      const ok = counted(check, world, record).length > 0;
      return ok ? undefined : CHECKS.execIfaces({ node: check.node });
    }
    case "pinged":
      return counted(check, world, record).length > 0 ? undefined : CHECKS.pinged(check);
    case "reaches":
      return (await reaches(check.from, check.to)) ? undefined : CHECKS.reaches(check);
    case "moved": {
      const iface = world.nodes.get(check.node)?.ifaces.get(check.iface);
      return iface?.origin !== undefined ? undefined : CHECKS.moved(check);
    }
    case "default-route": {
      const via = addressesOf(world, check.via);
      const ok = world.nodes.get(check.node)?.routes.some((r) => r.destination === "default" && via.includes(r.via));
      return ok ? undefined : CHECKS.defaultRoute(check);
    }
    case "ran-route-auto": {
      // It wrote routes: run before the links existed (or after every route was written by hand), it did not.
      const ok = done.some((d) => d.stmt.kind === "route-auto" && routeCount(d.after) > routeCount(d.before));
      return ok ? undefined : CHECKS.ranRouteAuto();
    }
    case "condition": {
      const [name] = check.text.split(" ") as ["rate"];
      const node = nodeOf(world, check.a);
      const links = node === undefined ? [] : linksBetween(world, node, check.b);
      const ok = links.some((l) =>
        [l.a, l.b].every((e) => nodeOf(world, e.node)?.ifaces.get(e.ifname)?.conditions?.[name] === check.value),
      );
      return ok ? undefined : CHECKS.condition({ a: check.a, b: check.b, condition: check.text });
    }
    case "undid-link": {
      // The link's last removal is the one that counts: an undo taken back by redo, then unlink, is not it.
      const removals = done.filter((d) => linked(d.before, check.a, check.b) && !linked(d.after, check.a, check.b));
      const ok = removals.at(-1)?.stmt.kind === "undo";
      return ok ? undefined : CHECKS.undidLink({ a: check.a, b: check.b });
    }
    case "captured-arp": {
      const mine = record.seen.filter((s) => s.node === check.node);
      const arp = mine.findIndex((s) => s.kind.startsWith("arp-"));
      const ok = arp >= 0 && mine.slice(arp + 1).some((s) => s.kind.startsWith("icmp-echo"));
      return ok ? undefined : CHECKS.capturedArp({ node: check.node });
    }
  }
}

/**
 * What the learner ran that a check counted (the show, exec or ping that did the task): the plain
 * commands keep these of the learner's queries, and leave out the others (a ping from the wrong side).
 */
export function counted(check: Check, world: World, record: Record): Did[] {
  const done = succeeded(record);
  switch (check.kind) {
    case "listed":
      return done.filter(
        (d) => d.stmt.kind === "show" && d.stmt.node === undefined && absent(d.before, check.names).length === 0,
      );
    case "exec-ifaces":
      return done.filter(
        (d) => d.stmt.kind === "exec" && d.stmt.node.text === check.node && commandListsInterfaces(d.stmt.command),
      );
    case "pinged":
    case "reaches":
      return done.filter((d) => pingedBy(d, check.from, check.to, world));
    default:
      return [];
  }
}

/** The host is `host` in checks as in statements. */
export const isHost = (name: string): boolean => name === HOST;
