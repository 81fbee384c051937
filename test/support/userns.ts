// A kernel that forbids what rootless netl needs, for real and for one command only: a new user
// namespace (every uid and gid mapped to itself, so its root is root and 65534 is nobody) whose
// /proc/sys/user limits are set inside it. Those limits bind that namespace and the ones made in it,
// never the machine (the kernel keeps them per user namespace).
import { readlinkSync, writeFileSync } from "node:fs";
import { execa } from "execa";

export interface Ran {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Waits for its maps (written from outside), then sets the limits and runs the command. The command
// is exec'd after the maps exist: a process keeps its capabilities in the namespace only if it
// becomes uid 0 there by an exec.
const INNER = [
  "read go || exit 96",
  'exec sh -c \'while [ "$1" != -- ]; do echo "$2" > "/proc/sys/user/$1" || exit 97; shift 2; done; shift; exec "$@"\' limits "$@"',
].join("\n");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run argv (as root of the new namespace: use setpriv to drop to a user) with these limits. */
export async function withUserLimits(
  limits: Readonly<Record<string, number>>,
  argv: readonly string[],
  env: Record<string, string> = {},
): Promise<Ran> {
  const args = [...Object.entries(limits).flatMap(([k, v]) => [k, String(v)]), "--", ...argv];
  const child = execa("unshare", ["--user", "--", "sh", "-c", INNER, "inner", ...args], {
    reject: false,
    stdin: "pipe",
    env: { NO_COLOR: "1", ...env },
  });
  const ours = readlinkSync("/proc/self/ns/user");
  const pid = child.pid ?? 0;
  for (let i = 0; i < 500; i++) {
    try {
      if (readlinkSync(`/proc/${pid}/ns/user`) !== ours) break;
    } catch {}
    await sleep(10);
  }
  writeFileSync(`/proc/${pid}/uid_map`, "0 0 4294967295\n");
  writeFileSync(`/proc/${pid}/gid_map`, "0 0 4294967295\n");
  child.stdin?.end("go\n");
  const r = await child;
  return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
