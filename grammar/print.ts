// AST → netl source text: the inverse of `parse`. For any AST the parser produces,
// parse(printStatement(s)) gives s back, spans aside (test/grammar/roundtrip.test.ts checks it).
import type * as A from "./ast.js";
import { formatCondition } from "./quantities.js";

const cidr = (c: A.Cidr): string => `${c.address}/${c.prefixLength}`;
const ref = (r: A.EndRef): string => (r.ifname ? `${r.node.text}:${r.ifname.text}` : r.node.text);
const target = (t: A.PingTarget): string => (t.kind === "node" ? t.name.text : t.address.address);
const iface = (i: A.IfaceRef): string => (i.node ? `${i.node.text}:${i.ifname.text}` : i.ifname.text);
const names = (ns: readonly A.Name[]): string => ns.map((n) => n.text).join(" ");
const conditions = (cs: readonly A.Condition[]): string[] =>
  cs.map((c) => `${c.name} ${formatCondition(c.name, c.value)}`);
/** A string literal that session.ts's stringContent reads back as `s`: only `"` and `\` are escaped. */
const quoted = (s: string): string => `"${s.replace(/["\\]/g, "\\$&")}"`;
/** The words of a statement, skipping the parts that are not written. */
const words = (...parts: readonly (string | undefined)[]): string => parts.filter((p) => p !== undefined).join(" ");

function link(s: A.LinkStmt): string {
  // The parser gives addresses after the right end to that end only when the left end has some;
  // otherwise they are the link's prefixes. Printed in the same place, they read back the same way.
  const a = [ref(s.a), ...s.a.addresses.map(cidr)];
  const b = [ref(s.b), ...s.b.addresses.map(cidr), ...s.prefixes.map(cidr)];
  return [`link ${a.join(" ")} <-> ${b.join(" ")}`, ...conditions(s.conditions)].join(" ");
}

function set(s: A.SetStmt): string {
  const ends = s.b ? `${ref(s.a)} ${s.directed ? "->" : "<->"} ${ref(s.b)}` : ref(s.a);
  const c = s.change;
  if (c.kind === "conditions") return [`set ${ends}`, ...conditions(c.conditions)].join(" ");
  return `set ${ends} ${c.kind === "clear" ? "clear" : c.up ? "up" : "down"}`;
}

function ping(s: A.PingStmt): string {
  return words("ping", s.from.text, target(s.to), s.count === undefined ? undefined : `count ${s.count}`);
}

function firewallTarget(t: A.FirewallTarget): string {
  return t.kind === "node" ? t.name.text : t.kind === "any" ? "any" : cidr(t.address);
}

export function printStatement(s: A.Statement): string {
  switch (s.kind) {
    case "ns":
    case "router":
    case "del":
      return `${s.kind} ${names(s.names)}`;
    case "switch":
      return words("switch", names(s.names), ...s.prefixes.map(cidr));
    case "link":
      return link(s);
    case "unlink":
      return `unlink ${ref(s.a)} <-> ${ref(s.b)}`;
    case "set":
      return set(s);
    case "move":
      return words("move", iface(s.iface), "->", s.to.text, s.force ? "force" : undefined);
    case "addr":
      return `addr ${ref(s.target)} ${cidr(s.cidr)}`;
    case "route":
      return `route ${s.node.text} ${s.destination.kind === "default" ? "default" : cidr(s.destination)} via ${target(s.via)}`;
    case "route-auto":
      return "route auto";
    case "ping":
      return ping(s);
    case "pingall":
    case "ps":
    case "history":
    case "reset":
      return s.kind;
    case "why":
      return `why ${s.from.text} ${target(s.to)}`;
    case "exec":
    case "spawn":
      return `${s.kind} ${s.node.text} ${s.command}`;
    case "logs":
      return `logs ${s.node.text}`;
    case "capture":
      return words(
        "capture",
        ref(s.end),
        s.count === undefined ? undefined : `count ${s.count}`,
        s.filter === undefined ? undefined : `filter ${quoted(s.filter)}`,
        s.file === undefined ? undefined : `to ${quoted(s.file.path)}`,
      );
    case "block":
    case "allow":
    case "unblock":
      return words(s.kind, s.from.text, "->", firewallTarget(s.to), s.protocol, s.port?.toString());
    case "show":
      return words("show", s.node?.text);
    case "expect": {
      const c = s.check;
      const check = c.kind === "ping" ? ping(c) : `${c.protocol} ${c.from.text} ${target(c.to)} ${c.port}`;
      return words("expect", s.negated ? "no" : undefined, check);
    }
    case "undo":
    case "redo":
      return s.count === 1 ? s.kind : `${s.kind} ${s.count}`;
    case "save":
    case "load":
      return words(s.kind, quoted(s.path), s.force ? "force" : undefined);
    case "explain":
      return `explain ${s.on ? "on" : "off"}`;
    case "serve":
      return s.on ? "serve" : "serve off";
    case "help":
      return words("help", s.topic?.text);
    case "shell":
      return `shell ${s.node.text}`;
    case "graph":
      return "graph";
    case "for":
      return `for ${s.variable.text} in ${s.from}..${s.to} {${s.body}}`;
    default: {
      // A statement kind without a printer does not compile.
      const missing: never = s;
      throw new Error(`no printer for ${JSON.stringify(missing)}`);
    }
  }
}

/** One statement a line. */
export function printProgram(statements: readonly A.Statement[]): string {
  return statements.map(printStatement).join("\n");
}
