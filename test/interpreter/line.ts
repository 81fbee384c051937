// A tiny test-only reader of one netl line into an AST with exact spans, so tests read like
// netl and can assert error positions. Not the real parser (grammar/ is built separately).
import ipaddr from "ipaddr.js";
import type { Cidr, EndRef, LinkEnd, PingStmt } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { isEvaluable, type EvaluableStatement as Statement } from "../../src/interpreter/index.js";
import { address, at, cidr, endRef, linkEnd, name } from "./build.js";

interface Token {
  readonly text: string;
  readonly col: number;
}

function tokens(text: string): Token[] {
  return [...text.matchAll(/[^\s,]+/g)].map((m) => ({ text: m[0], col: (m.index ?? 0) + 1 }));
}

const span = (t: Token) => at(t.col, t.text.length);
const isAddress = (text: string) => ipaddr.isValid(text.split("/")[0] ?? "") && /^[0-9a-fA-F:.]+(\/\d+)?$/.test(text);
const toName = (t: Token) => name(t.text, span(t));
const toCidr = (t: Token): Cidr => cidr(t.text, span(t));

function toEndRef(t: Token): EndRef {
  const colon = t.text.indexOf(":");
  if (colon < 0) return endRef(toName(t));
  const node = name(t.text.slice(0, colon), at(t.col, colon));
  const ifname = name(t.text.slice(colon + 1), at(t.col + colon + 1, t.text.length - colon - 1));
  return endRef(node, ifname, span(t));
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`test line: missing ${what}`);
  return value;
}

function ping(ts: Token[]): PingStmt {
  const [kw, from, to, countKw, count] = ts;
  const target = need(to, "ping target");
  const last = countKw?.text === "count" ? need(count, "count") : target;
  const first = need(kw, "ping");
  return {
    kind: "ping",
    from: toName(need(from, "ping source")),
    to: isAddress(target.text)
      ? { kind: "address", address: address(target.text, span(target)) }
      : { kind: "node", name: toName(target) },
    ...(countKw?.text === "count" ? { count: Number(need(count, "count").text) } : {}),
    span: at(first.col, last.col + last.text.length - first.col),
  };
}

/** Statements this reader does not know (`set`, link conditions, services, firewalls) go to the real parser. */
const REAL_PARSER =
  /\b(set|delay|jitter|loss|rate|corrupt|duplicate|reorder|limit|mtu|spawn|logs|ps|block|allow|unblock|tcp|udp)\b/;

function parsed(text: string): Statement {
  const { program, errors } = parse(text);
  const [only] = program.statements;
  if (errors.length > 0 || only === undefined || !isEvaluable(only))
    throw new Error(`line.ts: cannot read '${text}': ${errors.map((e) => e.message).join("; ")}`);
  return only;
}

export function stmt(text: string): Statement {
  if (REAL_PARSER.test(text)) return parsed(text);
  const ts = tokens(text);
  const [kw, ...rest] = ts;
  const keyword = need(kw, "keyword").text;
  const whole = at(1, text.length);
  switch (keyword) {
    case "ns":
    case "router":
    case "del":
      return { kind: keyword, names: rest.map(toName), span: whole };
    case "switch": {
      const names = rest.filter((t) => !isAddress(t.text));
      return { kind: "switch", names: names.map(toName), prefixes: rest.slice(names.length).map(toCidr), span: whole };
    }
    case "link": {
      const arrow = rest.findIndex((t) => t.text === "<->");
      const left = rest.slice(0, arrow);
      const right = rest.slice(arrow + 1);
      const a: LinkEnd = linkEnd(toEndRef(need(left[0], "left end")), left.slice(1).map(toCidr));
      const written = right.slice(1).map(toCidr);
      const autoMode = a.addresses.length === 0;
      const b: LinkEnd = linkEnd(toEndRef(need(right[0], "right end")), autoMode ? [] : written);
      return { kind: "link", a, b, prefixes: autoMode ? written : [], conditions: [], span: whole };
    }
    case "unlink":
      return { kind: "unlink", a: toEndRef(need(rest[0], "left")), b: toEndRef(need(rest[2], "right")), span: whole };
    case "move": {
      // `move eth5 -> A [force]`, `move A:eth5 -> host`
      const ref = toEndRef(need(rest[0], "interface"));
      const iface = ref.ifname
        ? { node: ref.node, ifname: ref.ifname, span: ref.span }
        : { ifname: ref.node, span: ref.span };
      return {
        kind: "move",
        iface,
        to: toName(need(rest[2], "target")),
        force: rest[3]?.text === "force",
        span: whole,
      };
    }
    case "addr":
      return {
        kind: "addr",
        target: toEndRef(need(rest[0], "target")),
        cidr: toCidr(need(rest[1], "cidr")),
        span: whole,
      };
    case "route": {
      if (rest[0]?.text === "auto" && rest.length === 1) return { kind: "route-auto", span: whole };
      const [node, dest, , via] = rest;
      const d = need(dest, "destination");
      const v = need(via, "via");
      return {
        kind: "route",
        node: toName(need(node, "node")),
        destination: d.text === "default" ? { kind: "default", span: span(d) } : { kind: "prefix", ...toCidr(d) },
        via: isAddress(v.text)
          ? { kind: "address", address: address(v.text, span(v)) }
          : { kind: "node", name: toName(v) },
        span: whole,
      };
    }
    case "ping":
      return { ...ping(ts), span: whole };
    case "pingall":
      return { kind: "pingall", span: whole };
    case "why": {
      const { from, to } = ping(ts);
      return { kind: "why", from, to, span: whole };
    }
    case "expect": {
      const negated = rest[0]?.text === "no";
      return { kind: "expect", negated, check: ping(negated ? rest.slice(1) : rest), span: whole };
    }
    case "exec": {
      const node = need(rest[0], "node");
      return { kind: "exec", node: toName(node), command: text.slice(node.col + node.text.length).trim(), span: whole };
    }
    case "show":
      return rest[0] ? { kind: "show", node: toName(rest[0]), span: whole } : { kind: "show", span: whole };
    default:
      throw new Error(`test line: unknown statement '${text}'`);
  }
}
