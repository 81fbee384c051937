// What a lab made, by kernel identity rather than by name: a name can be taken by someone else the
// moment netl is not looking, an identity cannot. A namespace is the device and inode of what is
// bound at /run/netns/NAME (nsfs's, as `stat` gives them once it is mounted) and when that inode was
// made: Linux gives a new namespace the lowest free inode number, often that of one just deleted,
// but never the same moment. An interface on the machine is its name, ifindex and MAC. Everything
// that deletes or configures checks these first.
import { lstatSync, readlinkSync, statSync, unlinkSync } from "node:fs";
import type { Executor } from "./executor.js";

export interface NsId {
  readonly name: string;
  readonly dev: number;
  readonly ino: number;
  /** When nsfs made its inode (ctime), in microseconds; absent in records of older netl. */
  readonly born?: number;
}

export interface IfaceId {
  readonly name: string;
  readonly ifindex: number;
  readonly mac: string;
}

/** A namespace's identity without its name: what a path shows now. */
export type Ident = Pick<NsId, "dev" | "ino" | "born">;

/** A file by its device and inode. */
export interface FileId {
  readonly dev: number;
  readonly ino: number;
}

/** Perl reads the ctime as a float of seconds: its microseconds may be off by one from Node's. */
const BORN_SLACK_US = 1;

export const sameNs = (a: Ident | undefined, b: Ident | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.dev === b.dev &&
  a.ino === b.ino &&
  (a.born === undefined || b.born === undefined || Math.abs(a.born - b.born) <= BORN_SLACK_US);

/** How `now` differs from the namespace the lab made, `id`, in words. */
export const nsChange = (id: Ident, now: Ident): string =>
  now.ino === id.ino
    ? `inode ${id.ino} is another namespace now, made later`
    : `it was inode ${id.ino}, it is inode ${now.ino} now`;

/**
 * What is at each of `names` under `netnsDir` now: lstat'ed, which crosses the bind mount of a
 * namespace (giving nsfs's device and the namespace's inode) but never follows a symlink (a symlink
 * is not a namespace). A stat each: the machine's mount table may be thousands of lines long.
 */
export function identitiesNow(names: readonly string[], netnsDir: string): Map<string, Ident> {
  const ids = new Map<string, Ident>();
  for (const name of names) {
    const s = lstatSync(`${netnsDir}/${name}`, { bigint: true, throwIfNoEntry: false });
    if (s) ids.set(name, { dev: Number(s.dev), ino: Number(s.ino), born: Number(s.ctimeNs / 1000n) });
  }
  return ids;
}

/**
 * Whether the name's file is what a deletion or a making cut short leaves: an empty regular file on the
 * names' own filesystem, which is no namespace (a namespace's name made by `ip netns add` or netl is one
 * until its mount, and one after its unmount): nobody's namespace goes with it. Where the file the name
 * was given is known (`file`, netns-journal.ts), only that very file.
 */
export function remainsAt(name: string, netnsDir: string, file?: FileId): boolean {
  const at = lstatSync(`${netnsDir}/${name}`, { throwIfNoEntry: false });
  const dir = lstatSync(netnsDir, { throwIfNoEntry: false });
  if (at === undefined || dir === undefined || !at.isFile() || at.size !== 0 || at.dev !== dir.dev) return false;
  return file === undefined || (at.dev === file.dev && at.ino === file.ino);
}

/** The lab's name's remains (remainsAt) removed, looked at right before; whether they were there. */
export function removeRemains(name: string, netnsDir: string, file?: FileId): boolean {
  if (!remainsAt(name, netnsDir, file)) return false;
  try {
    unlinkSync(`${netnsDir}/${name}`);
  } catch {}
  return true;
}

/** The device every namespace file is on (nsfs). */
export function nsfsDev(proc = "/proc"): number | undefined {
  try {
    return statSync(`${proc}/self/ns/net`).dev;
  } catch {
    return undefined;
  }
}

/** The network namespaces netl must never act on: its own and the machine's (pid 1's), as `net:[INO]` inodes. */
export function untouchableNamespaces(proc = "/proc"): Set<number> {
  const out = new Set<number>();
  for (const pid of ["self", "1"]) {
    try {
      const m = /^net:\[(\d+)\]$/.exec(readlinkSync(`${proc}/${pid}/ns/net`));
      if (m) out.add(Number(m[1]));
    } catch {}
  }
  return out;
}

/** How a namespace of the lab stands now, for a check or a report. */
export type NsStanding =
  | { readonly kind: "ours"; readonly id: NsId }
  | { readonly kind: "gone"; readonly id: NsId }
  /** Its name is something else now (another namespace, a plain file): left alone. */
  | { readonly kind: "other"; readonly id: NsId; readonly now: Ident }
  /**
   * The lab's, by identity, and yet netl's own namespace or the machine's (netl runs inside it, or a
   * record names the machine's): never acted on from here, and kept in the record.
   */
  | { readonly kind: "machine"; readonly id: NsId };

export function standings(ids: readonly NsId[], netnsDir: string, proc = "/proc"): NsStanding[] {
  const now = identitiesNow(
    ids.map((i) => i.name),
    netnsDir,
  );
  const never = untouchableNamespaces(proc);
  const dev = nsfsDev(proc);
  return ids.map((id): NsStanding => {
    const at = now.get(id.name);
    if (at === undefined) return { kind: "gone", id };
    if (!sameNs(at, id)) return { kind: "other", id, now: at };
    return at.dev === dev && never.has(at.ino) ? { kind: "machine", id } : { kind: "ours", id };
  });
}

/** One line for a namespace left alone. */
export function standingText(s: NsStanding, lab: string): string | undefined {
  if (s.kind === "other")
    return `left namespace ${s.id.name} alone: it is not the one lab '${lab}' made (${nsChange(s.id, s.now)})`;
  if (s.kind === "machine")
    return `left namespace ${s.id.name} alone: it is netl's own network namespace or the machine's (run netl from outside it)`;
  return undefined;
}

/** The machine's interfaces (`ip -j link show`): name → identity; undefined when it cannot be read. */
export async function machineLinks(executor: Executor, ns?: string): Promise<Map<string, IfaceId> | undefined> {
  const argv = ["ip", ...(ns === undefined ? [] : ["-n", ns]), "-j", "link", "show"];
  try {
    const r = await executor.run(argv);
    if (r.exitCode !== 0) return undefined;
    return parseLinks(r.stdout);
  } catch {
    return undefined;
  }
}

/** `ip -j link show` as identities; undefined when it is not that. */
export function parseLinks(json: string): Map<string, IfaceId> | undefined {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, IfaceId>();
  for (const l of list as { ifname?: unknown; ifindex?: unknown; address?: unknown }[]) {
    if (typeof l?.ifname !== "string" || typeof l.ifindex !== "number") continue;
    out.set(l.ifname, { name: l.ifname, ifindex: l.ifindex, mac: typeof l.address === "string" ? l.address : "" });
  }
  return out;
}

export const sameIface = (a: IfaceId | undefined, b: Omit<IfaceId, "name"> | undefined): boolean =>
  a !== undefined && b !== undefined && a.ifindex === b.ifindex && a.mac === b.mac;

/** The interface that is `id`, by MAC and ifindex (MAC alone when its ifindex changed on the way), whatever its name now. */
export function findIface(links: ReadonlyMap<string, IfaceId>, id: Omit<IfaceId, "name">): IfaceId | undefined {
  const all = [...links.values()];
  const exact = all.filter((l) => l.mac === id.mac && l.ifindex === id.ifindex);
  if (exact.length === 1) return exact[0];
  // A move keeps the MAC; the ifindex too unless the namespace it went to had that one already.
  const byMac = all.filter((l) => l.mac === id.mac && id.mac !== "" && id.mac !== "00:00:00:00:00:00");
  return byMac.length === 1 ? byMac[0] : undefined;
}
