// A Session's book of what its lab made, kept on disk as the lab record (lab-record.ts): the World's
// namespaces and machine claims, and whatever a failed rollback left behind (strays.ts), each with the
// kernel identity the lab knows it by (identity.ts). A namespace's identity comes from the journal
// its maker writes as it exists (netns-journal.ts), folded in after every change; a host end's from
// the machine once it is made; a moved interface's from the machine just before it leaves.
import type { NsName } from "../interpreter/ops/lower.js";
import type { Op } from "../interpreter/ops/types.js";
import { HOST, type World } from "../interpreter/world.js";
import type { Executor } from "./executor.js";
import { type IfaceId, machineLinks, type NsId } from "./identity.js";
import { type LabRecord, removeRecord, type ServiceRecord, writeRecord } from "./lab-record.js";
import { endingLines, endProcessesIn } from "./lingering.js";
import { type MachineClaims, machineClaims } from "./machine-claims.js";
import type { Journal } from "./netns-batch.js";
import { journalPath, readJournal, removeJournal } from "./netns-journal.js";
import type { MovedRecord } from "./record-types.js";
import type { SessionOptions } from "./session-types.js";
import { Strays } from "./strays.js";

export class LabBook {
  /** What the lab record on disk holds, as last written by this book. */
  #said: string | undefined;
  /** The identity of each namespace the lab made, by name (the last one made of that name). */
  readonly #ns = new Map<string, NsId>();
  readonly #hostEnds = new Map<string, IfaceId>();
  /** The machine's interfaces moved in, as the machine had them. */
  readonly #moved = new Map<string, Omit<IfaceId, "name">>();
  readonly strays: Strays;
  readonly journal: Journal;
  /** The namespaces and claims last written, for a rewrite when only the services change. */
  #last: { namespaces: readonly string[]; claims: MachineClaims } | undefined;

  constructor(
    private readonly options: SessionOptions,
    private readonly nsName: NsName,
    netnsDir: string,
    /** The services running now (spawned.ts), kept in the record for a `netl down` after a crash. */
    private readonly services: () => readonly ServiceRecord[] = () => [],
  ) {
    this.journal = { path: journalPath(options.runDir, options.lab), netnsDir };
    this.strays = new Strays(nsName, { netnsDir }, { ns: (n) => this.ns(n), hostEnd: (n) => this.hostEnd(n) });
  }

  ns(name: string): NsId | undefined {
    return this.#ns.get(name);
  }

  hostEnd(name: string): IfaceId | undefined {
    return this.#hostEnds.get(name);
  }

  movedId(ifname: string): Omit<IfaceId, "name"> | undefined {
    return this.#moved.get(ifname);
  }

  /** The namespaces the journal says were made (by the change just run), now known by their identity. */
  absorb(): void {
    for (const id of readJournal(this.journal.path)) this.#ns.set(id.name, id);
  }

  /**
   * What a record of this lab says it made (`netl attach`): every identity learnt, and what the World
   * does not hold (a failed rollback's leftovers) kept as strays.
   */
  seed(record: LabRecord, world: World): void {
    for (const id of record.namespaces) this.#ns.set(id.name, id);
    for (const id of record.hostInterfaces ?? []) this.#hostEnds.set(id.name, id);
    for (const m of record.moved ?? [])
      if (m.ifindex !== undefined && m.mac !== undefined) this.#moved.set(m.ifname, { ifindex: m.ifindex, mac: m.mac });
    const mine = new Set(this.namespaces(world));
    for (const id of record.namespaces) if (!mine.has(id.name)) this.strays.namespaces.add(id.name);
    const ends = new Set(this.claims(world).hostInterfaces);
    for (const id of record.hostInterfaces ?? []) if (!ends.has(id.name)) this.strays.hostInterfaces.add(id.name);
  }

  learnHostEnd(id: IfaceId): void {
    this.#hostEnds.set(id.name, id);
  }

  /** Each machine interface these ops move into the lab, by its identity before it goes (`machine`). */
  learnMoved(ops: readonly Op[], machine: ReadonlyMap<string, IfaceId> | undefined): void {
    for (const op of ops) {
      const id = op.kind === "iface.move" && op.from === HOST ? machine?.get(op.ifname) : undefined;
      if (id !== undefined) this.#moved.set(id.name, { ifindex: id.ifindex, mac: id.mac });
    }
  }

  /** Kernel names of the World's namespaces, and any a failed rollback left behind. */
  namespaces(world: World): string[] {
    return [...new Set([...[...world.nodes.keys()].map(this.nsName), ...this.strays.namespaces])];
  }

  /** What the lab holds on the machine: what the World says, and host ends a failed rollback left behind. */
  claims(world: World): MachineClaims {
    const { hostInterfaces, moved } = machineClaims([world], this.nsName);
    return { hostInterfaces: [...new Set([...hostInterfaces, ...this.strays.hostInterfaces])], moved };
  }

  /**
   * Write the record: of `namespaces` and the claims, what exists with a known identity (a namespace
   * about to be made is in the journal once it exists). Not when it would say what it says already.
   */
  write(namespaces: readonly string[], claims: MachineClaims): void {
    const hostInterfaces = claims.hostInterfaces.flatMap((n) => this.#hostEnds.get(n) ?? []);
    const moved = claims.moved.map((m): MovedRecord => ({ ...m, ...this.#moved.get(m.ifname) }));
    const services = this.services();
    this.#last = { namespaces, claims };
    const held = {
      namespaces: namespaces.flatMap((n) => this.#ns.get(n) ?? []),
      ...(hostInterfaces.length > 0 ? { hostInterfaces } : {}),
      ...(moved.length > 0 ? { moved } : {}),
      ...(services.length > 0 ? { services } : {}),
      // Here the record's next fields go: held by the book.
    };
    const said = JSON.stringify(held);
    if (said === this.#said) return;
    const record: LabRecord = {
      version: 2,
      lab: this.options.lab,
      ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
      pid: process.pid,
      updated: new Date().toISOString(),
      ...held,
    };
    writeRecord(this.options.runDir, record);
    this.#said = said;
  }

  /** The record again with the services as they are now (one started or ended in the middle of a change). */
  refresh(): void {
    if (this.#last !== undefined) this.write(this.#last.namespaces, this.#last.claims);
  }

  /** The record as the World (and the strays) say now; the journal it folds in goes. */
  writeFor(world: World): void {
    this.absorb();
    this.write(this.namespaces(world), this.claims(world));
    removeJournal(this.journal.path);
  }

  /** Keep the record while the lab holds anything; remove it once it holds nothing. */
  keepOrRemove(namespaces: readonly string[], claims: MachineClaims): void {
    this.absorb();
    if (namespaces.length + claims.hostInterfaces.length + claims.moved.length === 0) {
      removeRecord(this.options.runDir, this.options.lab);
      this.#last = undefined;
    } else {
      this.write(namespaces, claims);
      removeJournal(this.journal.path);
    }
  }

  /** The host ends these ops made, by identity as the machine has them now. */
  async learnHostEnds(ops: readonly Op[], executor: Executor): Promise<void> {
    const made = ops.flatMap((op) => (op.kind === "veth.add" ? [op.a, op.b].filter((e) => e.node === HOST) : []));
    if (made.length === 0) return;
    const links = await machineLinks(executor);
    for (const end of made) {
      const id = links?.get(end.ifname);
      if (id !== undefined) this.learnHostEnd(id);
    }
  }

  /** End what still runs in the lab's namespaces these ops delete (`exec A cmd &`), and say so. */
  async endLingering(ops: readonly Op[], onNote?: (line: string) => void): Promise<void> {
    const nodes = new Map(ops.flatMap((op) => (op.kind === "netns.del" ? [[this.nsName(op.node), op.node]] : [])));
    if (nodes.size === 0) return;
    const ids = [...nodes.keys()].flatMap((ns) => this.ns(ns) ?? []);
    const ending = await endProcessesIn(ids, { netnsDir: this.journal.netnsDir });
    for (const line of endingLines(ending, (ns) => nodes.get(ns) ?? ns)) onNote?.(line);
  }
}
