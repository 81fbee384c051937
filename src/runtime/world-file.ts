// The lab's World on disk, beside its record (`RUN_DIR/LAB.world`): written after each statement
// that changed the lab, so that `netl attach` works on the lab exactly as the netl that built it knew
// it (interface names, addresses, switch prefixes, host ends, moved interfaces with what to give back),
// and `netl ls` and `netl show LAB` print it. A World is immutable.js maps of plain data: each map is
// written as its entries (ordered ones keep their order), so any field the World grows survives.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { Map as IMap, OrderedMap } from "immutable";
import type { World } from "../interpreter/world.js";
import { worldPath } from "./lab-record.js";

export const WORLD_VERSION = 1;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ORDERED = "$ordered";
const UNORDERED = "$map";

function encode(value: unknown): Json {
  if (OrderedMap.isOrderedMap(value))
    return { [ORDERED]: [...(value as OrderedMap<unknown, unknown>)].map(([k, v]) => [encode(k), encode(v)]) };
  if (IMap.isMap(value))
    return { [UNORDERED]: [...(value as IMap<unknown, unknown>)].map(([k, v]) => [encode(k), encode(v)]) };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, encode(v)]),
    );
  if (value === undefined) return null;
  return value as Json;
}

function decode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  const ordered = value[ORDERED];
  if (Array.isArray(ordered)) return OrderedMap(ordered.map((e) => (e as Json[]).map(decode) as [unknown, unknown]));
  const plain = value[UNORDERED];
  if (Array.isArray(plain)) return IMap(plain.map((e) => (e as Json[]).map(decode) as [unknown, unknown]));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
}

/** The World as the text of its file. */
export function worldText(world: World): string {
  return `${JSON.stringify({ version: WORLD_VERSION, world: encode(world) })}\n`;
}

/** The World a file's text holds; undefined when it is not one this netl wrote (another version, damaged). */
export function worldFromText(text: string): World | undefined {
  try {
    const parsed = JSON.parse(text) as { version?: unknown; world?: Json };
    if (parsed.version !== WORLD_VERSION || parsed.world === undefined) return undefined;
    const world = decode(parsed.world) as World;
    const mapsWhereExpected =
      OrderedMap.isOrderedMap(world.nodes) && OrderedMap.isOrderedMap(world.links) && IMap.isMap(world.addresses);
    return mapsWhereExpected && typeof world.host === "object" ? world : undefined;
  } catch {
    return undefined;
  }
}

/** Atomic: a reader never sees half a World. */
export function writeWorld(dir: string, lab: string, world: World): void {
  const path = worldPath(dir, lab);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, worldText(world), { mode: 0o644 });
  renameSync(tmp, path);
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
