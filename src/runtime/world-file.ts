// The lab's World on disk, beside its record (`RUN_DIR/LAB.world`): written after each statement
// that changed the lab, so that `netl attach` works on the lab exactly as the netl that built it knew
// it (interface names, addresses, switch prefixes, host ends, moved interfaces with what to give back),
// and `netl ls` and `netl show LAB` print it. A World is immutable.js maps of plain data: the maps of the
// World and of each node are written as their entries (ordered ones keep their order), whatever its fields.
import { readFileSync } from "node:fs";
import { Map as IMap, OrderedMap } from "immutable";
import type { World } from "../interpreter/world.js";
import { worldPath } from "./lab-record.js";
import { replaceFile } from "./run-file.js";

export const WORLD_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ORDERED = "$ordered";
const UNORDERED = "$map";

/**
 * An object's immutable maps (the World's and each node's own fields) as tagged entry lists; what they
 * hold is plain data, which JSON.stringify writes as it is (docs/BENCHMARKS.md: a walk of every value
 * here cost ten times as much).
 */
function withEntries(value: object, inner?: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (OrderedMap.isOrderedMap(v)) {
      const entries: unknown[] = [];
      for (const [key, item] of v as OrderedMap<unknown, unknown>) entries.push([key, inner ? inner(item) : item]);
      out[k] = { [ORDERED]: entries };
    } else if (IMap.isMap(v)) out[k] = { [UNORDERED]: [...(v as IMap<unknown, unknown>)] };
    else out[k] = v;
  }
  return out;
}

const isNode = (v: unknown): boolean => v !== null && typeof v === "object" && "ifaces" in v && "kind" in v;
const encodeNode = (v: unknown): unknown => (isNode(v) ? withEntries(v as object) : v);

/** Tagged entry lists back into immutable maps, in an object's own fields (`inner` for their values). */
function fromEntries(value: Record<string, Json>, inner?: (v: Json) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const tagged = v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
    const ordered = tagged?.[ORDERED];
    const plain = tagged?.[UNORDERED];
    if (Array.isArray(ordered))
      out[k] = OrderedMap(
        ordered.map((e) => [(e as Json[])[0], inner ? inner((e as Json[])[1] ?? null) : (e as Json[])[1]]),
      );
    else if (Array.isArray(plain)) out[k] = IMap(plain.map((e) => [(e as Json[])[0], (e as Json[])[1]]));
    else out[k] = v;
  }
  return out;
}

const decodeNode = (v: Json): unknown =>
  v !== null && typeof v === "object" && !Array.isArray(v) && "ifaces" in v ? fromEntries(v) : v;

/** The World as the text of its file. */
export function worldText(world: World): string {
  const encoded = withEntries({ ...world, host: encodeNode(world.host) }, encodeNode);
  return `${JSON.stringify({ version: WORLD_VERSION, world: encoded })}\n`;
}

/** The World a file's text holds; undefined when it is not one this netl wrote (another version, damaged). */
export function worldFromText(text: string): World | undefined {
  try {
    const parsed = JSON.parse(text) as { version?: unknown; world?: Json };
    const raw = parsed.world;
    if (parsed.version !== WORLD_VERSION || raw === null || typeof raw !== "object" || Array.isArray(raw))
      return undefined;
    const decoded = fromEntries(raw, decodeNode);
    const world = { ...decoded, host: decodeNode((raw.host ?? null) as Json) } as World;
    const mapsWhereExpected =
      OrderedMap.isOrderedMap(world.nodes) &&
      OrderedMap.isOrderedMap(world.links) &&
      IMap.isMap(world.addresses) &&
      OrderedMap.isOrderedMap(world.host?.ifaces);
    return mapsWhereExpected ? world : undefined;
  } catch {
    return undefined;
  }
}

/** Atomic: a reader never sees half a World. */
export function writeWorld(dir: string, lab: string, world: World): void {
  replaceFile(worldPath(dir, lab), worldText(world));
}

/** The lab's World as last written; `missing` when there is no file, `unreadable` when it is not one this netl reads. */
export function readWorld(dir: string, lab: string): World | "missing" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(worldPath(dir, lab), "utf8");
  } catch {
    return "missing";
  }
  return worldFromText(text) ?? "unreadable";
}
