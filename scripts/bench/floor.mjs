// The bench's pieces for the floor (floor.c) and for Node's start like for like.
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * floor.c compiled with the machine's `cc` into `dir`: its path, or `{ note }` when there is no `cc`.
 * A compiler that is there but fails (or warns) fails the bench: floor.c is ours and compiles clean.
 */
export function compileFloor(dir) {
  const has = spawnSync("cc", ["--version"], { stdio: "ignore" });
  if (has.error !== undefined || has.status !== 0)
    return { note: "floor: no `cc` on this machine (apt-get install gcc): floor column skipped" };
  const out = join(dir, "floor");
  const r = spawnSync("cc", ["-O2", "-Wall", "-Wextra", "-o", out, join(here, "floor.c")], { encoding: "utf8" });
  if (r.status !== 0 || r.stderr.trim() !== "") throw new Error(`cc floor.c: ${r.status}\n${r.stderr}`);
  return { path: out };
}

/**
 * `node` and its environment as netl's launcher (scripts/netl.sh) starts it: the first regular,
 * executable `node` on PATH (an empty entry is the current directory), NODE_EXTRA_CA_CERTS moved to
 * NETL_NODE_EXTRA_CA_CERTS, so Node does not read that file as it starts.
 */
export function nodeAsNetlStarts(env) {
  const { NODE_EXTRA_CA_CERTS: ca, ...rest } = env;
  const started = ca === undefined ? rest : { ...rest, NETL_NODE_EXTRA_CA_CERTS: ca };
  for (const d of (env.PATH ?? "").split(delimiter)) {
    const candidate = join(d === "" ? "." : d, "node");
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return { bin: candidate, env: started };
    } catch {}
  }
  throw new Error("no node on PATH");
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => Atomics.wait(sleepCell, 0, 0, ms);

/** Network namespaces the kernel still holds (made and not yet freed), or undefined without slabinfo. */
function liveNamespaces() {
  try {
    const line = readFileSync("/proc/slabinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("net_namespace "));
    return line === undefined ? undefined : Number(line.split(/\s+/)[1]);
  } catch {
    return undefined;
  }
}

// The namespaces the kernel held before the bench made any (the machine's own and other programs').
const BEFORE = liveNamespaces();
// Others' namespaces come and go: within this many of BEFORE, the kernel has freed the bench's.
const OTHERS_SLACK = 16;
// Polls without a fall after which a count still above BEFORE is taken as others' (they made some).
const STILL_POLLS = 40;

/**
 * After a teardown: the kernel frees the namespaces afterwards, in a work queue that takes the same
 * locks the next build needs (and slows the next teardown's unmounts), for seconds at thousands, in
 * batches with pauses between them. Waits (untimed) until the count of live namespaces is back to
 * what it was before the bench, or has not fallen for a second, so that each builder starts on a
 * kernel that has finished the last one's teardown; bounded, growing with N.
 */
export function settle(n) {
  const deadline = performance.now() + 200 + 15 * n;
  let last = liveNamespaces();
  if (last === undefined || BEFORE === undefined) return sleep(Math.min(2000, 50 + n));
  let still = 0;
  while (performance.now() < deadline && last > BEFORE + OTHERS_SLACK && still < STILL_POLLS) {
    sleep(25);
    const now = liveNamespaces();
    still = now < last ? 0 : still + 1;
    last = now;
  }
}
