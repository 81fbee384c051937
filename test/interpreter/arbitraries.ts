// Random statements over a small name pool, for property tests of the interpreter.
import fc from "fast-check";
import type { EndRef } from "../../grammar/ast.js";
import type { EvaluableStatement as Statement } from "../../src/interpreter/index.js";
import { address, cidr, endRef, linkEnd, name, nowhere } from "./build.js";

const nodeName = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom("A", "B", "C", "R") },
  { weight: 3, arbitrary: fc.constant("S") },
  { weight: 1, arbitrary: fc.constantFrom("host", "Bb") },
);
const ifname = fc.option(fc.constantFrom("eth0", "eth1", "eth2", "x", "lo"), { nil: undefined, freq: 1 });
const prefix = fc.constantFrom(
  "10.0.0.0/24",
  "10.0.3.0/24",
  "10.0.4.0/24",
  "fd02::/64",
  "10.0.0.0/30",
  "10.0.0.2/31",
  "10.0.1.0/24",
  "fd00::/64",
  "fd00::/127",
  "fd01::/64",
  "10.0.0.5/24",
  "10.0.2.0/32",
);
const hostAddress = fc.constantFrom(
  "10.0.0.1/24",
  "10.0.0.2/24",
  "10.0.1.9/24",
  "fd00::9/64",
  "10.7.0.1/24",
  "10.7.0.2/24",
);
const gateway = fc.constantFrom("10.0.0.1", "10.0.0.2", "10.0.1.1", "10.0.1.2", "fd00::1", "fd00::2", "10.7.0.2");
const destination = fc.constantFrom("default", "default", "10.9.0.0/16", "fd09::/48", "10.0.0.0/24", "10.9.0.1/16");

const ref = fc.tuple(nodeName, ifname).map(([n, i]): EndRef => endRef(name(n), i === undefined ? undefined : name(i)));
// `addr` mostly names an interface that is likely to exist.
const addrTarget = fc
  .tuple(nodeName, fc.option(fc.constantFrom("eth0", "eth0", "eth1", "lo"), { nil: undefined, freq: 6 }))
  .map(([n, i]): EndRef => endRef(name(n), i === undefined ? undefined : name(i)));
const names = fc.array(
  nodeName.map((n) => name(n)),
  { minLength: 1, maxLength: 2 },
);
const span = nowhere;

const nsStmt = names.map((ns): Statement => ({ kind: "ns", names: ns, span }));
const routerStmt = names.map((ns): Statement => ({ kind: "router", names: ns.slice(0, 1), span }));
const switchStmt = fc
  .tuple(
    nodeName,
    fc.array(fc.constantFrom("10.0.5.0/24", "10.0.0.0/24", "fd05::/64", "10.0.6.0/30"), { maxLength: 2 }),
  )
  .map(([n, ps]): Statement => ({ kind: "switch", names: [name(n)], prefixes: ps.map((p) => cidr(p)), span }));
const delStmt = names.map((ns): Statement => ({ kind: "del", names: ns, span }));
const linkStmt = fc
  .tuple(ref, ref, fc.array(hostAddress, { maxLength: 1 }), fc.array(hostAddress, { maxLength: 1 }))
  .chain(([a, b, aAddrs, bAddrs]) =>
    fc.array(prefix, { maxLength: 2 }).map((prefixes): Statement => {
      // As the parser reads it: prefixes after the right end only when the left end has no address.
      const auto = aAddrs.length === 0;
      const ends = {
        a: linkEnd(
          a,
          aAddrs.map((c) => cidr(c)),
        ),
        b: linkEnd(b, auto ? [] : bAddrs.map((c) => cidr(c))),
      };
      return { kind: "link", ...ends, prefixes: auto ? prefixes.map((p) => cidr(p)) : [], conditions: [], span };
    }),
  )
  .chain((link) =>
    fc
      .option(conditions, { nil: undefined, freq: 3 })
      .map((cs): Statement => (cs === undefined || link.kind !== "link" ? link : { ...link, conditions: cs })),
  );
const unlinkStmt = fc.tuple(ref, ref).map(([a, b]): Statement => ({ kind: "unlink", a, b, span }));
const spawnStmt = fc
  .tuple(nodeName, fc.constantFrom("sleep 1000", "python3 -m http.server 8080"))
  .map(([n, command]): Statement => ({ kind: "spawn", node: name(n), command, span }));
const firewallStmt = fc
  .tuple(
    fc.constantFrom("block", "block", "allow", "unblock"),
    nodeName,
    fc.oneof(
      nodeName.map((n) => ({ kind: "node" as const, name: name(n) })),
      fc.constant({ kind: "any" as const, span }),
      fc.constantFrom("10.0.0.0/24", "fd00::9/128").map((c) => ({ kind: "address" as const, address: cidr(c) })),
    ),
    fc.option(fc.constantFrom("tcp", "udp"), { nil: undefined }),
    fc.option(fc.constantFrom(22, 8080), { nil: undefined }),
  )
  .map(
    ([kind, from, to, protocol, port]): Statement => ({
      kind: kind as "block" | "allow" | "unblock",
      from: name(from),
      to,
      ...(protocol ? { protocol: protocol as "tcp" | "udp" } : {}),
      ...(protocol && port !== undefined ? { port } : {}),
      span,
    }),
  );
// Conditions as the visitor gives them (values in stored units; 0 takes one away).
const condition = fc.oneof(
  fc.constantFrom(0, 5000, 50_000).map((value) => ({ name: "delay" as const, value, span })),
  fc.constantFrom(0, 1000).map((value) => ({ name: "jitter" as const, value, span })),
  fc.constantFrom(0, 1, 100).map((value) => ({ name: "loss" as const, value, span })),
  fc.constantFrom(2_000_000, 10_000_000).map((value) => ({ name: "rate" as const, value, span })),
  fc.constantFrom(0, 25).map((value) => ({ name: "reorder" as const, value, span })),
  fc.constantFrom(1000, 1400, 1500, 9000).map((value) => ({ name: "mtu" as const, value, span })),
);
const conditions = fc.uniqueArray(condition, { maxLength: 3, selector: (c) => c.name });
const setChange = fc.oneof(
  { weight: 3, arbitrary: conditions.map((cs) => ({ kind: "conditions" as const, conditions: cs })) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const, span }) },
  { weight: 2, arbitrary: fc.boolean().map((up) => ({ kind: "state" as const, up, span })) },
);
const setStmt = fc.tuple(ref, fc.option(ref, { nil: undefined, freq: 4 }), fc.boolean(), setChange).map(
  ([a, b, directed, change]): Statement => ({
    kind: "set",
    a,
    ...(b === undefined ? {} : { b }),
    directed: b !== undefined && directed,
    change,
    span,
  }),
);
const addrStmt = fc
  .tuple(addrTarget, hostAddress)
  .map(([target, c]): Statement => ({ kind: "addr", target, cidr: cidr(c), span }));
const via = fc.oneof(
  { weight: 3, arbitrary: nodeName.map((n) => ({ kind: "node" as const, name: name(n) })) },
  { weight: 2, arbitrary: gateway.map((g) => ({ kind: "address" as const, address: address(g) })) },
);
const routeStmt = fc.tuple(nodeName, destination, via).map(
  ([n, d, v]): Statement => ({
    kind: "route",
    node: name(n),
    destination: d === "default" ? { kind: "default", span } : { kind: "prefix", ...cidr(d) },
    via: v,
    span,
  }),
);
const expectStmt = fc.tuple(nodeName, nodeName, fc.boolean()).map(
  ([from, to, negated]): Statement => ({
    kind: "expect",
    negated,
    check: { kind: "ping", from: name(from), to: { kind: "node", name: name(to) }, span },
    span,
  }),
);
const showStmt = nodeName.map((n): Statement => ({ kind: "show", node: name(n), span }));
const routeAutoStmt = fc.constant<Statement>({ kind: "route-auto", span });
// `move IF -> A` of the test machine's interfaces (machine.ts: eth0 carries the default routes), and back.
const moveStmt = fc
  .tuple(
    fc.option(nodeName, { nil: undefined, freq: 2 }),
    fc.constantFrom("eth5", "eth6", "eth0", "eth7"),
    nodeName,
    fc.boolean(),
  )
  .map(
    ([from, ifname, to, force]): Statement => ({
      kind: "move",
      iface: { ...(from === undefined ? {} : { node: name(from) }), ifname: name(ifname), span },
      to: name(to),
      force,
      span,
    }),
  );

export const statement: fc.Arbitrary<Statement> = fc.oneof(
  { weight: 1, arbitrary: nsStmt },
  { weight: 1, arbitrary: routerStmt },
  { weight: 1, arbitrary: switchStmt },
  { weight: 1, arbitrary: delStmt },
  { weight: 8, arbitrary: linkStmt },
  { weight: 3, arbitrary: unlinkStmt },
  { weight: 4, arbitrary: setStmt },
  { weight: 2, arbitrary: spawnStmt },
  { weight: 3, arbitrary: firewallStmt },
  { weight: 3, arbitrary: addrStmt },
  { weight: 6, arbitrary: routeStmt },
  { weight: 1, arbitrary: expectStmt },
  { weight: 1, arbitrary: showStmt },
  { weight: 2, arbitrary: routeAutoStmt },
  { weight: 3, arbitrary: moveStmt },
);

// Labs to start from (none, bare nodes, a routed lab), so most statements have something to act on.
export const nodes: Statement[] = [
  { kind: "ns", names: ["A", "B", "C"].map((n) => name(n)), span },
  { kind: "router", names: [name("R")], span },
];
export const routed: Statement[] = [
  ...nodes,
  {
    kind: "link",
    a: linkEnd(endRef(name("A"))),
    b: linkEnd(endRef(name("R"))),
    prefixes: [cidr("10.0.0.0/24")],
    conditions: [],
    span,
  },
  {
    kind: "link",
    a: linkEnd(endRef(name("R"))),
    b: linkEnd(endRef(name("B"))),
    prefixes: [cidr("10.0.1.0/24"), cidr("fd00::/64")],
    conditions: [],
    span,
  },
  {
    kind: "route",
    node: name("A"),
    destination: { kind: "default", span },
    via: { kind: "node", name: name("R") },
    span,
  },
  {
    kind: "route",
    node: name("B"),
    destination: { kind: "default", span },
    via: { kind: "node", name: name("R") },
    span,
  },
];
