// Names of the lab's interfaces in the machine's own namespace: `nl` + six hex digits from the
// lab's name and prefix + `h` + an index (`nl3fa9c1h0`), at most 15 characters, never one the
// machine already has. Cleanup goes by the lab record, never by this pattern.
import type { MachineFacts } from "./machine.js";
import type { World } from "./world.js";

/** Every name netl gives an interface on the machine looks like this. */
export const HOST_IFNAME = /^nl[0-9a-f]{6}h\d{1,6}$/;

/** FNV-1a, 32 bits: a stable, dependency-free hash of the lab's identity. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The stem for a lab: the same lab name and prefix always give the same names. */
export const hostStem = (lab: string, prefix: string | undefined): string =>
  `nl${(fnv1a(`${prefix ?? ""}\u0000${lab}`) & 0xffffff).toString(16).padStart(6, "0")}`;

/** The first `STEMhN` that neither the lab nor the machine has, and none in `taken` (this statement's). */
export function freeHostIfname(world: World, facts: MachineFacts, taken: ReadonlySet<string> = new Set()): string {
  for (let n = 0; ; n++) {
    const name = `${facts.stem}h${n}`;
    if (world.host.ifaces.has(name) || taken.has(name) || facts.state?.interfaces.has(name)) continue;
    return name;
  }
}
