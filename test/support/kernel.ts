// Real-kernel test support: a unique namespace prefix per test file, and root detection.
// Every test prefix starts with TEST_PREFIX_ROOT so the global teardown can find leftovers.
import { execFileSync } from "node:child_process";

export const TEST_PREFIX_ROOT = "nlt";

/** This run's root: `nlt` and the run's token (vitest.config.ts), so concurrent runs never share names. */
export const RUN_PREFIX = `${TEST_PREFIX_ROOT}${process.env.NETL_TEST_RUN ?? ""}`;

export const isRoot = process.getuid?.() === 0;

/** A prefix for one test file's namespaces, e.g. `nlt3fa2-run`. */
export function testPrefix(name: string): string {
  return `${RUN_PREFIX}-${name}`;
}

/** Whether the real-kernel tests run: as root. Under CI=true not being root is a failure, not a skip. */
export function kernelTestsEnabled(file: string): boolean {
  if (isRoot) return true;
  if (process.env.CI === "true") throw new Error(`${file}: real-kernel tests must run as root in CI`);
  process.stderr.write(`NOTICE ${file}: real-kernel tests skipped (not root)\n`);
  return false;
}

export function netnsList(): string[] {
  // Its stderr kept, not printed: ip says "Peer netns reference is invalid." of a name that holds no
  // namespace (the remains a test plants), and the list is still whole.
  const out = execFileSync("ip", ["-j", "netns", "list"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  return out === "" ? [] : (JSON.parse(out) as { name: string }[]).map((n) => n.name);
}
