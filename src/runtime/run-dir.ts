// The run directory (NETL_RUN_DIR, /run/netl by default), made when it is missing. Node's recursive
// mkdirSync never returns where a folder cannot be made under one that exists (/proc/x: ENOENT, again and
// again), and throws where the path is a file: here each folder up the path is tried once, and what is
// wrong comes back in words.
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);
const isFolder = (dir: string) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

/** `dir` is a folder now (made with `mode` where missing, its parents too); or why it is not. */
export function makeFolder(dir: string, mode: number): string | undefined {
  const once = (): string | undefined => {
    try {
      mkdirSync(dir, { mode });
      return undefined;
    } catch (e) {
      if (code(e) === "EEXIST") return isFolder(dir) ? undefined : "it is not a folder";
      return code(e);
    }
  };
  const first = once();
  if (first !== "ENOENT" || dirname(dir) === dir) return first;
  return makeFolder(dirname(dir), mode) ?? once();
}
