// Machine output (`--json`): the lab and each statement's outcome as plain JSON values. The field
// names are a contract (docs/JSON.md): add fields, never rename or drop one.
import { formatCondition } from "../../grammar/quantities.js";
import type { NetlError } from "../diagnostic.js";
import { conditionEntries } from "../interpreter/conditions.js";
import { ruleText } from "../interpreter/firewall.js";
import { peerEnd } from "../interpreter/links.js";
import { portsOf } from "../interpreter/switches.js";
import type { Iface, Node, Route, World } from "../interpreter/world.js";
import { graphText } from "./graph.js";
import { helpText } from "./help.js";
import type { Outcome } from "./outcome.js";
import { whyLines } from "./why.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Conditions as netl writes them: `{"delay": "20ms", "loss": "1%", "rate": "10mbit"}`; `{}` for none. */
function conditionsJson(iface: Iface): { [key: string]: Json } {
  return Object.fromEntries(
    conditionEntries(iface.conditions).map(([name, value]) => [name, formatCondition(name, value)]),
  );
}

function ifaceJson(i: Iface): Json {
  return {
    name: i.name,
    // The addresses netl gave it, also those the kernel dropped while it is down (back with `set … up`).
    addresses: [...i.addresses, ...(i.held?.addresses ?? [])],
    up: i.up,
    mtu: i.mtu ?? 1500,
    conditions: conditionsJson(i),
    link: i.link ?? null,
    master: i.master ?? null,
    bridge: i.bridge ?? false,
    moved: i.origin !== undefined,
  };
}

const routeJson = (r: Route, held: boolean): Json => ({
  destination: r.destination,
  family: r.family,
  via: r.via,
  dev: r.dev ?? null,
  auto: r.auto ?? false,
  held,
});

/** One node as netl knows it. */
export function nodeJson(world: World, n: Node): Json {
  const ifaces = [...n.ifaces.values()];
  const members =
    n.kind === "switch"
      ? portsOf(n).flatMap((port) => {
          const link = port.link === undefined ? undefined : world.links.get(port.link);
          if (link === undefined) return [];
          const far = peerEnd(link, n.name);
          return [`${far.node}:${far.ifname}`];
        })
      : [];
  return {
    name: n.name,
    kind: n.kind,
    interfaces: ifaces.map(ifaceJson),
    routes: [
      ...n.routes.map((r) => routeJson(r, false)),
      ...ifaces.flatMap((i) => (i.held?.routes ?? []).map((r) => routeJson(r, true))),
    ],
    prefixes: [...(n.prefixes ?? [])],
    members,
    firewall: (n.firewall ?? []).map((r) => ({
      action: r.action,
      to: r.to,
      protocol: r.protocol ?? null,
      port: r.port ?? null,
      destinations: [...r.destinations],
      text: ruleText(n.name, r),
    })),
    processes: (n.processes ?? []).map((p) => ({ id: p.id, command: p.command })),
  };
}

/** The whole lab: what `show` prints, as data. */
export function worldJson(world: World): Json {
  return {
    nodes: [...world.nodes.values()].map((n) => nodeJson(world, n)),
    // The lab's own ends in the machine's namespace (`link A <-> host …`).
    host: { interfaces: [...world.host.ifaces.values()].map(ifaceJson) },
    links: [...world.links.values()].map((l) => ({
      id: l.id,
      a: `${l.a.node}:${l.a.ifname}`,
      b: `${l.b.node}:${l.b.ifname}`,
    })),
  };
}

/** What a statement did, without the statement: `{"kind": "ping", "ok": true, …}`. */
export function outcomeJson(outcome: Outcome, world: World): { [key: string]: Json } {
  switch (outcome.kind) {
    case "change":
      return { kind: "change", summary: [...outcome.summary] };
    case "ping":
      return {
        kind: "ping",
        ok: outcome.ok,
        from: outcome.from ?? null,
        to: outcome.to ?? null,
        address: outcome.address ?? null,
        rttMs: outcome.rttMs ?? null,
        text: outcome.text,
      };
    case "expect":
      return { kind: "expect", passed: outcome.passed, text: outcome.text };
    case "exec":
      return { kind: "exec", exitCode: outcome.exitCode, output: outcome.output };
    case "terminal":
      return { kind: outcome.what, node: outcome.node, exitCode: outcome.exitCode };
    case "show": {
      if (outcome.node === undefined) return { kind: "show", node: null, lab: worldJson(world) };
      const n = world.nodes.get(outcome.node);
      return { kind: "show", node: outcome.node, model: n ? nodeJson(world, n) : null, kernel: outcome.kernel ?? "" };
    }
    case "text":
      return { kind: "text", text: outcome.text };
    case "help":
      return { kind: "text", text: helpText(outcome.topic) };
    case "graph":
      return { kind: "graph", text: graphText(world) };
    case "pingall":
      return {
        kind: "pingall",
        rows: outcome.rows.map((r) => ({ from: r.from, results: r.results.map((x) => ({ to: x.to, ok: x.ok })) })),
        lost: outcome.lost,
        total: outcome.total,
        dropRate: outcome.total === 0 ? 0 : Math.round((100 * outcome.lost) / outcome.total),
      };
    case "why":
      return { kind: "why", cause: JSON.parse(JSON.stringify(outcome.cause)), lines: whyLines(outcome.cause) };
    case "load":
      return {
        kind: "load",
        steps: outcome.steps.map((s) => ({ statement: s.text, ...outcomeJson(s.outcome, world) })),
      };
    default:
      // A kind added later: its own fields, as they are.
      return JSON.parse(JSON.stringify(outcome));
  }
}

/** An error as data; `file` is where its line and column point (a `load`ed file's own name). */
export function errorJson(e: NetlError, file: string): { [key: string]: Json } {
  return {
    kind: "error",
    file: e.source?.name ?? file,
    line: e.span?.line ?? null,
    column: e.span?.col ?? null,
    phase: e.phase,
    code: e.code,
    message: e.message,
    hint: e.hint ?? null,
    failed: e.failed ? { argv: [...e.failed.argv], stderr: e.failed.stderr } : null,
  };
}
