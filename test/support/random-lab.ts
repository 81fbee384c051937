// Random labs for the differential test (test/e2e/differential.test.ts): hosts and routers, switch
// trees and chains with a prefix on one switch of a segment, links of every prefix size, loopbacks, a
// host link, `route auto` or routes by hand (wrong ones too), `route host`, links set down, firewall
// rules, now and then a statement the model must refuse. One seed, one lab, always the same text.
import { parse } from "../../grammar/index.js";
import { subnetOf } from "../../src/interpreter/addressing.js";
import { checkProgram } from "../../src/interpreter/program.js";
import { neighbours } from "../../src/interpreter/segments.js";
import { emptyWorld, HOST, type World } from "../../src/interpreter/world.js";

/** mulberry32: small, fast, and the same sequence for a seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomLab {
  readonly seed: number;
  readonly family: 4 | 6;
  /** The netl script. */
  readonly text: string;
}

interface Gen {
  readonly r: () => number;
  readonly pick: <T>(items: readonly T[]) => T;
  readonly chance: (p: number) => boolean;
  readonly int: (lo: number, hi: number) => number;
}

function gen(seed: number): Gen {
  const r = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  return {
    r,
    int,
    chance: (p) => r() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(r() * items.length)] as T,
  };
}

/** The World a script builds, or undefined when the model refuses it. */
function worldOf(lines: readonly string[]): World | undefined {
  const { program, errors } = parse(lines.join("\n"));
  if (errors.length > 0) return undefined;
  const checked = checkProgram(emptyWorld, program.statements);
  return checked.error ? undefined : checked.world;
}

/** A lab node's subnets (not lo's), to route to by hand. */
const subnetsOf = (world: World): string[] =>
  [...world.nodes.values()].flatMap((n) =>
    [...n.ifaces.values()].filter((i) => i.name !== "lo").flatMap((i) => i.addresses.map(subnetOf)),
  );

/** `hostByte`: the second number of the host link's 10.x range (10.2xx: clear of the machine's routes). */
export function randomLab(seed: number, hostByte: number): RandomLab {
  const g = gen(seed);
  const family: 4 | 6 = g.chance(0.2) ? 6 : 4;
  const b = g.int(1, 199);
  const hex = (n: number) => n.toString(16);
  const lines: string[] = [];
  const nodes = Array.from({ length: g.int(3, 7) }, (_, i) => `n${i + 1}`);
  const routers = nodes.filter(() => g.chance(0.5));
  const plain = nodes.filter((n) => !routers.includes(n));
  if (plain.length > 0) lines.push(`ns ${plain.join(" ")}`);
  if (routers.length > 0) lines.push(`router ${routers.join(" ")}`);

  // Switches: a forest, each new one hung under an earlier one or alone; one prefix per segment.
  const switches = Array.from({ length: g.pick([0, 0, 1, 1, 2, 2, 3]) }, (_, i) => `s${i + 1}`);
  const parent = new Map<string, string>();
  for (const [i, s] of switches.entries()) if (i > 0 && g.chance(0.6)) parent.set(s, g.pick(switches.slice(0, i)));
  const root = (s: string): string => (parent.has(s) ? root(parent.get(s) as string) : s);
  const prefixOf = (s: string) =>
    family === 4 ? `10.${b}.${200 + Number(s.slice(1))}.0/24` : `fd${hex(b)}:${hex(200 + Number(s.slice(1)))}::/64`;
  const holder = new Map<string, string>();
  for (const s of switches) if (!holder.has(root(s)) && g.chance(0.85)) holder.set(root(s), s);
  for (const s of switches) {
    const own = holder.get(root(s)) === s || (holder.get(root(s)) !== undefined && g.chance(0.03));
    lines.push(own ? `switch ${s} ${prefixOf(s)}` : `switch ${s}`);
  }
  for (const [s, p] of parent) lines.push(`link ${p} <-> ${s}`);

  // Links: each node to an earlier node or a switch, then a few more.
  let nextSubnet = 1;
  const pointToPoint = (x: string, y: string): string => {
    const n = nextSubnet++;
    if (g.chance(0.01)) return `link ${x} 10.${b}.${n}.255/24 <-> ${y} 10.${b}.${n}.1/24`;
    // The subnet of the first link again, elsewhere: a gateway on it may then be off the sender's link.
    if (family === 4 && n > 2 && g.chance(0.05))
      return `link ${x} 10.${b}.1.${50 + n}/24 <-> ${y} 10.${b}.1.${150 + n}/24`;
    if (family === 6) return `link ${x} <-> ${y} fd${hex(b)}:${hex(n)}::/${g.pick([64, 64, 127])}`;
    return `link ${x} <-> ${y} 10.${b}.${n}.0/${g.pick([24, 24, 30, 31])}`;
  };
  const toSwitch = (x: string, s: string): string => {
    const p = holder.get(root(s));
    if (p === undefined || family === 6 || !g.chance(0.1)) return `link ${x} <-> ${s}`;
    return `link ${x} ${prefixOf(p).replace(/\.0\/24$/, `.${100 + Number(x.slice(1))}/24`)} <-> ${s}`;
  };
  // A node on one segment twice would hold two addresses of one subnet: refused, so rarely tried.
  const onSegment = new Set<string>();
  const link = (x: string, others: readonly string[]) => {
    const s = switches.length > 0 && g.chance(0.4) ? g.pick(switches) : undefined;
    if (s !== undefined && (!onSegment.has(`${x} ${root(s)}`) || g.chance(0.05))) {
      onSegment.add(`${x} ${root(s)}`);
      lines.push(toSwitch(x, s));
    } else if (others.length > 0) lines.push(pointToPoint(x, g.pick(others)));
  };
  for (const [i, n] of nodes.entries()) if (i > 0 || switches.length > 0) link(n, nodes.slice(0, i));
  for (let extra = g.int(0, 2); extra > 0; extra--) {
    const x = g.pick(nodes);
    link(
      x,
      nodes.filter((n) => n !== x),
    );
  }
  for (const [i, r] of routers.entries())
    if (g.chance(0.3))
      lines.push(family === 4 ? `addr ${r}:lo 10.${b}.250.${i + 1}/32` : `addr ${r}:lo fd${hex(b)}:fa::${i + 1}/128`);
  const hostLinked = g.chance(0.35) ? g.pick(nodes) : undefined;
  if (hostLinked !== undefined)
    lines.push(
      family === 4
        ? `link ${hostLinked} <-> host 10.${hostByte}.${g.int(0, 63) * 4}.0/30`
        : `link ${hostLinked} <-> host fd6e:6574:${hex(hostByte)}${hex(g.int(16, 255))}::/64`,
    );

  // Routes: route auto, or by hand (any neighbour, any subnet: loops and dead ends included).
  const built = worldOf(lines);
  if (built === undefined) return { seed, family, text: `${lines.join("\n")}\n` };
  const upgraded = new Set<string>();
  if (g.chance(0.7)) {
    // route auto refuses to route through a plain ns: most nodes in the middle are made routers first.
    const middle = (n: string) =>
      [...(built.nodes.get(n)?.ifaces.values() ?? [])].filter((i) => i.link !== undefined).length > 1;
    for (const n of plain) if (g.chance(middle(n) ? 0.85 : 0.2)) upgraded.add(n);
    for (const n of upgraded) lines.push(`router ${n}`);
    lines.push("route auto");
  } else {
    const subnets = subnetsOf(built);
    for (const n of nodes) {
      const node = built.nodes.get(n);
      const own = new Set(
        node === undefined ? [] : [...node.ifaces.values()].flatMap((i) => i.addresses.map(subnetOf)),
      );
      const away = subnets.filter((x) => !own.has(x));
      const near = node === undefined ? [] : [...new Set(neighbours(built, node).map((x) => x.far.node))];
      // Through the machine now and then (it leaves the lab there), or via an address on the node's own
      // subnet: one nobody has, or one held on another link of that subnet.
      const via = near.filter((x) => x !== HOST || g.chance(0.3));
      if (via.length === 0 || !g.chance(0.7)) continue;
      const to = away.length === 0 || g.chance(0.5) ? "default" : g.pick(away);
      const mine = [...own].filter((x) => !x.includes(":") && x.endsWith("/24"));
      const odd = family === 4 && mine.length > 0 && g.chance(0.15);
      const gateway = odd
        ? `${(mine[0] ?? "").replace(/\.0\/24$/, "")}.${g.pick([77, 53, 153, 54, 154])}`
        : g.pick(via);
      lines.push(`route ${n} ${to} via ${gateway}`);
    }
  }
  if (hostLinked !== undefined && g.chance(0.6)) lines.push(`route host ${g.pick(subnetsOf(built))} via ${hostLinked}`);

  // Then the lab is disturbed: a link down, a firewall rule, a node that starts forwarding.
  const routed = worldOf(lines) ?? built;
  const links = [...routed.links.values()];
  for (let k = g.chance(0.3) ? g.int(1, 2) : 0; k > 0 && links.length > 0; k--) {
    const l = g.pick(links);
    lines.push(`set ${l.a.node} <-> ${l.b.node} down`);
  }
  if (g.chance(0.25)) lines.push(`block ${g.pick(nodes)} -> ${g.pick(nodes)}`);
  if (g.chance(0.15)) lines.push(`block ${g.pick(nodes)} -> ${g.pick(nodes)} tcp 80`);
  if (g.chance(0.1)) lines.push(`block ${g.pick(nodes)} -> any`, `allow ${g.pick(nodes)} -> any tcp`);
  const still = plain.filter((n) => !upgraded.has(n));
  if (still.length > 0 && g.chance(0.15)) lines.push(`router ${g.pick(still)}`);
  return { seed, family, text: `${lines.join("\n")}\n` };
}
