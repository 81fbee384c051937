// A Session's book of what its lab holds, kept on disk as the lab record (lab-record.ts): the World's
// namespaces and machine claims, and whatever a failed rollback left behind (strays.ts).
import type { NsName } from "../interpreter/ops/lower.js";
import type { World } from "../interpreter/world.js";
import type { ServiceRecord } from "./lab-record.js";
import { type LabRecord, removeRecord, writeRecord } from "./lab-record.js";
import { type MachineClaims, machineClaims } from "./machine-claims.js";
import type { SessionOptions } from "./session-types.js";
import type { Strays } from "./strays.js";

export class LabBook {
  /** What the lab record on disk holds (namespaces and claims), as last written by this book. */
  #said: string | undefined;
  /** The namespaces and claims last written, for a rewrite when only the services change. */
  #last: { namespaces: readonly string[]; claims: MachineClaims } | undefined;

  constructor(
    private readonly options: SessionOptions,
    private readonly nsName: NsName,
    readonly strays: Strays,
    /** The services running now (spawned.ts), kept in the record for a `netl down` after a crash. */
    private readonly services: () => readonly ServiceRecord[] = () => [],
  ) {}

  /** Kernel names of the World's namespaces, and any a failed rollback left behind. */
  namespaces(world: World): string[] {
    return [...new Set([...[...world.nodes.keys()].map(this.nsName), ...this.strays.namespaces])];
  }

  /** What the lab holds on the machine: what the World says, and host ends a failed rollback left behind. */
  claims(world: World): MachineClaims {
    const { hostInterfaces, moved } = machineClaims([world], this.nsName);
    return { hostInterfaces: [...new Set([...hostInterfaces, ...this.strays.hostInterfaces])], moved };
  }

  /** Write the record, unless it would say what it says already (a link between two nodes changes none of it). */
  write(namespaces: readonly string[], claims: MachineClaims): void {
    const { hostInterfaces, moved } = claims;
    const services = this.services();
    this.#last = { namespaces, claims };
    const held = {
      namespaces,
      ...(hostInterfaces.length > 0 ? { hostInterfaces } : {}),
      ...(moved.length > 0 ? { moved } : {}),
      ...(services.length > 0 ? { services } : {}),
    };
    const said = JSON.stringify(held);
    if (said === this.#said) return;
    const record: LabRecord = {
      version: 1,
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

  /** The record as the World (and the strays) say now. */
  writeFor(world: World): void {
    this.write(this.namespaces(world), this.claims(world));
  }

  /** Keep the record while the lab holds anything; remove it once it holds nothing. */
  keepOrRemove(namespaces: readonly string[], claims: MachineClaims): void {
    if (namespaces.length + claims.hostInterfaces.length + claims.moved.length === 0) {
      removeRecord(this.options.runDir, this.options.lab);
      this.#last = undefined;
    } else this.write(namespaces, claims);
  }
}
