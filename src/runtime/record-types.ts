// The lab record's data (`RUN_DIR/LAB.json`): what a lab made, each with its kernel identity
// (identity.ts), written only once it exists. Checked on every read by record-schema.ts.
import type { Origin } from "../interpreter/machine.js";
import type { IfaceId, NsId } from "./identity.js";

export interface LabRecord {
  readonly version: 2;
  readonly lab: string;
  readonly prefix?: string;
  /** The netl process that last wrote it (for messages: whether a netl holds the lab is asked of its lock). */
  readonly pid: number;
  readonly updated: string;
  /** The namespaces the lab made, by name and identity. */
  readonly namespaces: readonly NsId[];
  /** Interfaces the lab made in the machine's own namespace (host ends of links), by identity. */
  readonly hostInterfaces?: readonly IfaceId[];
  /** Interfaces of the machine moved into the lab's namespaces, and what to give back when they return. */
  readonly moved?: readonly MovedRecord[];
  /** What `spawn` runs, each by its supervisor's pid and start time (spawned.ts): `netl down` ends them. */
  readonly services?: readonly ServiceRecord[];
}

/** What the lab record keeps of a running service. */
export interface ServiceRecord {
  readonly node: string;
  readonly id: number;
  /** Its supervisor: pid and start time (clock ticks after boot). */
  readonly pid: number;
  readonly start: number;
  /** The command's own process, as `ps` shows it; absent in records of older netl. */
  readonly leader?: number;
}

export interface MovedRecord {
  /** Its name on the machine (and in the lab: a move keeps it). */
  readonly ifname: string;
  /** Kernel name of the namespace that holds it (or is about to). */
  readonly netns: string;
  /** Its identity as the machine had it, when read (a real kernel always gives it). */
  readonly ifindex?: number;
  readonly mac?: string;
  readonly origin: Origin;
}
