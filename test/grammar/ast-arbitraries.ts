// Random ASTs of every statement kind, as the parser would produce them (spans aside): names the
// lexer reads as one Identifier, addresses in ipaddr.js's normal text, condition values in their
// stored units and ranges (grammar/quantities.ts), counts and ports in range, strings and commands
// that can be written. For the print → parse round trip (roundtrip.test.ts).
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import type * as A from "../../grammar/ast.js";
import { findControls, KEYWORDS } from "../../grammar/index.js";
import { statement as labStatement } from "../interpreter/arbitraries.js";
import { nowhere as span } from "../interpreter/build.js";

const keywords = new Set(KEYWORDS);

/** A node name: an Identifier token, so never a keyword (`delays` and `ns1` are names). */
export const nameText = fc
  .oneof(
    fc.constantFrom("A", "B", "R1", "host", "on", "off", "a-", "b--c", "delays", "ns1", "pingall2", "x_"),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,40}$/),
  )
  .filter((s) => !keywords.has(s));
const name = nameText.map((text): A.Name => ({ text, span }));
/** In `NODE:IFNAME` the node part may even be a keyword: `link:eth0` is one token. */
const refNode = fc.oneof(
  { weight: 9, arbitrary: name },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS).map((text): A.Name => ({ text, span })) },
);
const ifname = fc
  .oneof(fc.constantFrom("eth0", "eth1", "lo", "x.y@z-1", "b-"), fc.stringMatching(/^[A-Za-z0-9_.@-]{1,20}$/))
  .map((text): A.Name => ({ text, span }));

export const endRef: fc.Arbitrary<A.EndRef> = fc.oneof(
  name.map((node): A.EndRef => ({ node, span })),
  fc.tuple(refNode, ifname).map(([node, i]): A.EndRef => ({ node, ifname: i, span })),
);

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
// Mostly zeros, so that `::` turns up anywhere; ::ffff:a.b.c.d-like shapes among them.
const group = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat(0xffff) });
const v6 = fc
  .oneof(
    fc.array(group, { minLength: 8, maxLength: 8 }),
    fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([x, y]) => [0, 0, 0, 0, 0, 0xffff, x, y]),
  )
  .map((parts) => new ipaddr.IPv6(parts).toString());
const ip = fc.oneof(
  v4.map((a) => ({ a, family: 4 as const })),
  v6.map((a) => ({ a, family: 6 as const })),
);

export const address = ip.map(({ a, family }): A.Address => ({ address: a, family, span }));
export const cidr: fc.Arbitrary<A.Cidr> = ip.chain(({ a, family }) =>
  fc.nat(family === 4 ? 32 : 128).map((prefixLength): A.Cidr => ({ address: a, prefixLength, family, span })),
);
const target: fc.Arbitrary<A.PingTarget> = fc.oneof(
  name.map((n) => ({ kind: "node" as const, name: n })),
  address.map((a) => ({ kind: "address" as const, address: a })),
);

// Condition values in their stored unit: µs, percent, bit/s, packets, bytes.
const micros = fc.oneof(
  fc.constantFrom(0, 1, 999, 1000, 1500, 20_000, 1_000_000, 1_234_567, 60_000_000),
  fc.integer({ min: 0, max: 60_000_000 }),
);
/** What `Number("12.345678")` gives: formatCondition writes at most 6 decimals (see roundtrip.test.ts). */
const percent = fc.oneof(
  fc.constantFrom(0, 0.5, 1, 33.333333, 99.999999, 100, 0.000001),
  fc.integer({ min: 0, max: 100 }),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.stringMatching(/^\d{1,6}$/))
    .map(([whole, fraction]) => Number(`${whole}.${fraction}`)),
);
const VALUES: Record<A.ConditionName, fc.Arbitrary<number>> = {
  delay: micros,
  jitter: micros,
  loss: percent,
  corrupt: percent,
  duplicate: percent,
  reorder: percent,
  rate: fc.oneof(fc.constantFrom(1000, 1100, 1_500_000, 10e6, 1e9, 100e9), fc.integer({ min: 1000, max: 100e9 })),
  limit: fc.integer({ min: 1, max: 1_000_000 }),
  mtu: fc.integer({ min: 68, max: 65535 }),
};
const condition = fc
  .constantFrom(...(Object.keys(VALUES) as A.ConditionName[]))
  .chain((n) => VALUES[n].map((value): A.Condition => ({ name: n, value, span })));
/** Each condition at most once, as the parser requires. */
const conditions = (minLength: number) =>
  fc.uniqueArray(condition, { minLength, maxLength: 9, selector: (c) => c.name });

const linkStmt = fc
  .tuple(endRef, endRef, fc.array(cidr, { maxLength: 3 }), fc.array(cidr, { maxLength: 3 }), conditions(0))
  .map(([a, b, left, right, cs]): A.LinkStmt => {
    // With addresses on the left end, those after the right end are its own; otherwise prefixes.
    const own = left.length > 0;
    return {
      kind: "link",
      a: { ...a, addresses: left },
      b: { ...b, addresses: own ? right : [] },
      prefixes: own ? [] : right,
      conditions: cs,
      span,
    };
  });

const setChange: fc.Arbitrary<A.SetChange> = fc.oneof(
  conditions(1).map((cs) => ({ kind: "conditions" as const, conditions: cs })),
  fc.constant({ kind: "clear" as const, span }),
  fc.boolean().map((up) => ({ kind: "state" as const, up, span })),
);
const setStmt = fc
  .tuple(endRef, fc.option(endRef, { nil: undefined }), fc.boolean(), setChange)
  .map(
    ([a, b, directed, change]): A.SetStmt =>
      b === undefined
        ? { kind: "set", a, directed: false, change, span }
        : { kind: "set", a, b, directed, change, span },
  );

const moveStmt = fc.tuple(fc.option(refNode, { nil: undefined }), ifname, nameText, name, fc.boolean()).map(
  ([node, i, machineIf, to, force]): A.MoveStmt => ({
    kind: "move",
    // Without a node the interface is the machine's, written alone: an Identifier.
    iface: node === undefined ? { ifname: { text: machineIf, span }, span } : { node, ifname: i, span },
    to,
    force,
    span,
  }),
);

const count = fc.integer({ min: 1, max: 1000 });
const pingStmt = fc
  .tuple(name, target, fc.option(count, { nil: undefined }))
  .map(
    ([from, to, c]): A.PingStmt =>
      c === undefined ? { kind: "ping", from, to, span } : { kind: "ping", from, to, count: c, span },
  );
const protocol = fc.constantFrom("tcp" as const, "udp" as const);
const port = fc.integer({ min: 1, max: 65535 });
const reachStmt = fc
  .tuple(protocol, name, target, port)
  .map(([p, from, to, n]): A.ReachStmt => ({ kind: "reach", protocol: p, from, to, port: n, span }));

/** Text netl source can hold: control characters (and line ends) are refused in it (grammar/control.ts). */
const withoutControls = (s: string): string => {
  let out = s.replace(/[\r\n]/g, "");
  for (const { char } of findControls(out).reverse()) out = out.split(char).join("");
  return out;
};

/** A shell command as `exec`/`spawn` keep it: one line, trimmed, not empty. */
const command = fc
  .oneof(
    fc.constantFrom("ip -br addr; ip route", "sleep 1000 &", "echo '#' \"x\" | tr x y # note", "a\u00a0b"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  )
  .map((s) => withoutControls(s).trim())
  // The lexer's start_chars_hint for a command begins at U+0021 (tokens.ts).
  .filter((s) => s.length > 0 && s.charCodeAt(0) >= 0x21);
/** A save/load path: any line of text, `"` and `\` included; not empty. */
const path = fc
  .array(fc.oneof(fc.constantFrom('"', "\\", "\\n", "lab.netl", " "), fc.string({ unit: "binary", maxLength: 8 })), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => withoutControls(parts.join("")))
  .filter((s) => s.length > 0);

/** A capture's filter or file: as a path, and not blank. */
const nonBlank = path.filter((s) => s.trim() !== "");

const firewallTarget: fc.Arbitrary<A.FirewallTarget> = fc.oneof(
  name.map((n) => ({ kind: "node" as const, name: n })),
  fc.constant({ kind: "any" as const, span }),
  cidr.map((c) => ({ kind: "address" as const, address: c })),
);
const firewallStmt = fc
  .tuple(
    fc.constantFrom("block" as const, "allow" as const, "unblock" as const),
    name,
    firewallTarget,
    fc.option(fc.tuple(protocol, fc.option(port, { nil: undefined })), { nil: undefined }),
  )
  .map(([kind, from, to, rule]): A.FirewallStmt => {
    const [p, n] = rule ?? [];
    return { kind, from, to, ...(p ? { protocol: p } : {}), ...(n === undefined ? {} : { port: n }), span };
  });

const lab: fc.Arbitrary<A.Statement>[] = [
  fc
    .tuple(
      fc.constantFrom("ns" as const, "router" as const, "del" as const),
      fc.array(name, { minLength: 1, maxLength: 4 }),
    )
    .map(([kind, names]): A.Statement => ({ kind, names, span })),
  fc
    .tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(cidr, { maxLength: 3 }))
    .map(([names, prefixes]): A.SwitchStmt => ({ kind: "switch", names, prefixes, span })),
  linkStmt,
  fc.tuple(endRef, endRef).map(([a, b]): A.UnlinkStmt => ({ kind: "unlink", a, b, span })),
  setStmt,
  moveStmt,
  fc.tuple(endRef, cidr).map(([t, c]): A.AddrStmt => ({ kind: "addr", target: t, cidr: c, span })),
  fc.tuple(name, fc.option(cidr, { nil: undefined }), target).map(
    ([node, d, via]): A.RouteStmt => ({
      kind: "route",
      node,
      destination: d === undefined ? { kind: "default", span } : { kind: "prefix", ...d },
      via,
      span,
    }),
  ),
  fc.constant<A.Statement>({ kind: "route-auto", span }),
  pingStmt,
  fc.constant<A.Statement>({ kind: "pingall", span }),
  fc.tuple(name, target).map(([from, to]): A.WhyStmt => ({ kind: "why", from, to, span })),
  fc
    .tuple(fc.constantFrom("exec" as const, "spawn" as const), name, command)
    .map(([kind, node, c]): A.Statement => ({ kind, node, command: c, span })),
  name.map((node): A.LogsStmt => ({ kind: "logs", node, span })),
  fc
    .tuple(
      endRef,
      fc.option(count, { nil: undefined }),
      fc.option(nonBlank, { nil: undefined }),
      fc.option(nonBlank, { nil: undefined }),
    )
    .map(
      ([end, c, filter, file]): A.CaptureStmt => ({
        kind: "capture",
        end,
        ...(c === undefined ? {} : { count: c }),
        ...(filter === undefined ? {} : { filter }),
        ...(file === undefined ? {} : { file: { path: file, span } }),
        span,
      }),
    ),
  fc.constant<A.Statement>({ kind: "ps", span }),
  firewallStmt,
  fc
    .option(name, { nil: undefined })
    .map((node): A.ShowStmt => (node ? { kind: "show", node, span } : { kind: "show", span })),
  fc
    .tuple(fc.boolean(), fc.oneof(pingStmt, reachStmt))
    .map(([negated, check]): A.ExpectStmt => ({ kind: "expect", negated, check, span })),
];

const session: fc.Arbitrary<A.Statement>[] = [
  fc
    .tuple(fc.constantFrom("undo" as const, "redo" as const), count)
    .map(([kind, c]): A.Statement => ({ kind, count: c, span })),
  fc.constantFrom<A.Statement>({ kind: "history", span }, { kind: "reset", span }),
  fc.tuple(fc.constantFrom("save" as const, "load" as const), path, fc.boolean()).map(
    ([kind, p, force]): A.FileStmt => ({
      kind,
      path: p,
      pathSpan: span,
      ...(force && kind === "save" ? { force: true as const } : {}),
      span,
    }),
  ),
  fc.boolean().map((on): A.ExplainStmt => ({ kind: "explain", on, span })),
  fc.boolean().map((on): A.ServeStmt => ({ kind: "serve", on, span })),
  fc
    .option(fc.oneof(nameText, fc.constantFrom(...KEYWORDS)), { nil: undefined })
    .map(
      (t): A.HelpStmt => (t === undefined ? { kind: "help", span } : { kind: "help", topic: { text: t, span }, span }),
    ),
  nameText.map((t): A.ShellStmt => ({ kind: "shell", node: { text: t, span }, span })),
];

// The interpreter's generator (a small name pool, statements that act on each other) where it fits:
// a `set` with no condition at all is not something the parser gives.
const fromInterpreter = labStatement.filter(
  (s) => s.kind !== "set" || s.change.kind !== "conditions" || s.change.conditions.length > 0,
);

/** Any statement of the grammar. */
export const statement: fc.Arbitrary<A.Statement> = fc.oneof(fromInterpreter, ...lab, ...session);

export const program = fc.array(statement, { minLength: 1, maxLength: 8 });
