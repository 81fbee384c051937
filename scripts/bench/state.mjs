// A lab's kernel state as text that two builders of the same lab share: the bench compares netl's
// chain with the floor's (floor.c) before the floor's time counts. Per namespace (named without the
// run's prefix): each link (kind, admin up, MTU, a veth's peer as namespace/device), its addresses,
// the routes not made by the kernel, and the forwarding and accept_dad sysctls. Left out, as what
// differs between two builds of one lab: ifindexes, MACs, link-local fe80:: addresses, routes of
// proto kernel or the local table, carrier and operstate (which settle after a build).
// `ip -n NS -j -d -batch -` per namespace (a few at once); one Perl process (state.pl) for the
// sysctls and for naming each veth's peer namespace.
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** setns(2)'s number: x86-64's own, and the generic table's of arm64 and riscv64. */
const SETNS = { x64: 308, arm64: 268, riscv64: 268 };
const AT_ONCE = 4;

function ipDump(ns) {
  return new Promise((resolve, reject) => {
    const child = spawn("ip", ["-n", ns, "-j", "-d", "-batch", "-"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`ip -n ${ns} -j: ${err.trim()}`));
      const [links, routes] = out
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l));
      resolve({ links, routes });
    });
    child.stdin.end("addr show\nroute show table all\n");
  });
}

async function dumps(names) {
  const result = new Map();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const ns = names[next++];
      result.set(ns, await ipDump(ns));
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return result;
}

/** Runs state.pl on these request lines; its output lines split at tabs. */
function perl(lines) {
  const nr = SETNS[process.arch];
  if (nr === undefined) throw new Error(`state check: setns's number is not known on ${process.arch}`);
  const r = spawnSync("perl", [join(here, "state.pl"), String(nr)], {
    input: lines.join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`state check: state.pl failed: ${r.error ?? r.stderr}`);
  return r.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t"));
}

const ipv4Net = (local, len) => {
  const n = local.split(".").reduce((a, b) => a * 256 + Number(b), 0);
  return `${Math.floor(n / 2 ** (32 - len))}/${len}`;
};
const subnets = (link) =>
  (link.addr_info ?? []).filter((a) => a.family === "inet").map((a) => ipv4Net(a.local, a.prefixlen));

/**
 * Names each veth's peer: the namespaces holding a device whose index is the veth's peer index and
 * whose peer index is the veth's are the candidates; the nsid the veth names picks one, asked of the
 * kernel (state.pl). Those sharing an IPv4 subnet with it are asked first, the rest only if need be.
 */
function peers(byNs) {
  // Indexed by subnet as well: in a chain every veth has nearly the same indexes, so the index pair
  // alone names thousands of candidates, and comparing each link with each of them was quadratic.
  const byIndexes = new Map(); // `${ifindex}:${peerIndex}` → [ns, link]
  const bySubnet = new Map(); // `${ifindex}:${peerIndex} ${subnet}` → [ns, link]
  const add = (map, key, entry) => {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(entry);
  };
  for (const [ns, { links }] of byNs)
    for (const l of links)
      if (l.link_netnsid !== undefined && l.link_index !== undefined) {
        const key = `${l.ifindex}:${l.link_index}`;
        const entry = [ns, l]; // one array in both maps: the same candidate is the same object
        add(byIndexes, key, entry);
        for (const s of new Set(subnets(l))) add(bySubnet, `${key} ${s}`, entry);
      }
  const todo = [];
  for (const [ns, { links }] of byNs)
    for (const l of links) {
      if (l.link_netnsid === undefined || l.link_index === undefined) continue;
      const reverse = `${l.link_index}:${l.ifindex}`;
      const near = [...new Set(subnets(l).flatMap((s) => bySubnet.get(`${reverse} ${s}`) ?? []))].filter(
        ([other]) => other !== ns,
      );
      // The rest only when no near one is the peer (made then: listing it for every link is quadratic too).
      const rest = () => (byIndexes.get(reverse) ?? []).filter((c) => c[0] !== ns && !near.includes(c));
      todo.push({ ns, link: l, tiers: [near, rest] });
    }
  const known = new Map(); // `${a} ${b}` → nsid of b in a
  for (const tier of [0, 1]) {
    const ask = new Set();
    for (const t of todo) {
      if (t.peer !== undefined) continue;
      if (typeof t.tiers[tier] === "function") t.tiers[tier] = t.tiers[tier]();
      for (const [other] of t.tiers[tier]) ask.add(`${t.ns} ${other}`);
    }
    const lines = [...ask].filter((q) => !known.has(q)).map((q) => `nsid ${q}`);
    if (lines.length > 0) for (const [a, , b, id] of perl(lines)) known.set(`${a} ${b}`, Number(id));
    for (const t of todo)
      if (t.peer === undefined)
        for (const [other, o] of t.tiers[tier])
          if (known.get(`${t.ns} ${other}`) === t.link.link_netnsid) t.peer = [other, o.ifname];
  }
  return new Map(todo.map((t) => [`${t.ns} ${t.link.ifname}`, t.peer]));
}

const sortedJson = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));

/**
 * The normalised state of namespaces `names` (full names, each starting with `${prefix}-`): a map
 * from the name without the prefix to its sorted lines.
 */
export async function labView(prefix, names) {
  const short = (ns) => ns.slice(prefix.length + 1);
  const byNs = await dumps(names);
  const peerOf = peers(byNs);
  const view = new Map(names.map((ns) => [short(ns), []]));
  for (const [ns, { links, routes }] of byNs) {
    const lines = view.get(short(ns));
    for (const l of links) {
      const peer = peerOf.get(`${ns} ${l.ifname}`);
      const peerText = l.link_netnsid === undefined ? "" : ` peer=${peer ? `${short(peer[0])}/${peer[1]}` : "?"}`;
      const kind = l.linkinfo?.info_kind ?? l.link_type;
      lines.push(`link ${l.ifname} kind=${kind} up=${l.flags.includes("UP")} mtu=${l.mtu}${peerText}`);
      for (const a of l.addr_info ?? []) {
        if (a.family === "inet6" && a.local.toLowerCase().startsWith("fe80:")) continue;
        const extra = ["address", "broadcast", "noprefixroute", "nodad"].filter((k) => a[k] !== undefined);
        lines.push(
          `addr ${l.ifname} ${a.family} ${a.local}/${a.prefixlen} scope=${a.scope}${extra.map((k) => ` ${k}=${a[k]}`).join("")}`,
        );
      }
    }
    for (const r of routes) {
      if (r.protocol === "kernel" || r.table === "local") continue;
      // linkdown: no carrier yet, which settles after a build.
      lines.push(`route ${sortedJson({ ...r, flags: (r.flags ?? []).filter((f) => f !== "linkdown") })}`);
    }
  }
  for (const [ns, , key, value] of perl(names.map((ns) => `sysctl ${ns}`)))
    view.get(short(ns)).push(`sysctl ${key}=${value}`);
  for (const lines of view.values()) lines.sort();
  return view;
}

/** The lines only one of two views has, as `ns: only in NAME: line`, at most `limit` of them. */
export function viewDifferences(a, b, names = ["a", "b"], limit = 20) {
  const out = [];
  for (const ns of new Set([...a.keys(), ...b.keys()])) {
    if (!a.has(ns) || !b.has(ns)) {
      out.push(`${ns}: namespace only in ${a.has(ns) ? names[0] : names[1]}`);
      continue;
    }
    const [la, lb] = [new Set(a.get(ns)), new Set(b.get(ns))];
    for (const l of la) if (!lb.has(l)) out.push(`${ns}: only in ${names[0]}: ${l}`);
    for (const l of lb) if (!la.has(l)) out.push(`${ns}: only in ${names[1]}: ${l}`);
  }
  return out.slice(0, limit);
}
