// After the whole run: fail it if any test left a namespace, host veth or lab record behind.
// Leftovers carry a test prefix (nlt-…), so removing them touches only what tests created.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isRoot, netnsList, TEST_PREFIX_ROOT } from "./kernel.js";

const RUN_DIR = "/run/netl";

function leftovers(): string[] {
  const found: string[] = [];
  for (const ns of netnsList().filter((n) => n.startsWith(TEST_PREFIX_ROOT))) {
    found.push(`namespace ${ns}`);
    execFileSync("ip", ["netns", "del", ns]);
  }
  const links = JSON.parse(
    execFileSync("ip", ["-j", "link", "show", "type", "veth"], { encoding: "utf8" }) || "[]",
  ) as {
    ifname: string;
  }[];
  for (const l of links.filter((x) => x.ifname.startsWith(TEST_PREFIX_ROOT))) {
    found.push(`host veth ${l.ifname}`);
    execFileSync("ip", ["link", "del", l.ifname]);
  }
  let files: string[] = [];
  try {
    files = readdirSync(RUN_DIR);
  } catch {}
  for (const f of files) {
    const path = join(RUN_DIR, f);
    const text = (() => {
      try {
        return readFileSync(path, "utf8");
      } catch {
        return "";
      }
    })();
    if (f.startsWith(TEST_PREFIX_ROOT) || text.includes(`"prefix": "${TEST_PREFIX_ROOT}`)) {
      found.push(`lab record ${path}`);
      rmSync(path, { force: true });
    }
  }
  return found;
}

export function teardown(): void {
  if (!isRoot) return;
  const found = leftovers();
  if (found.length > 0) {
    // vitest reports a throw here but still exits 0: set the exit status ourselves.
    process.exitCode = 1;
    throw new Error(`tests left things behind (now removed): ${found.join(", ")}`);
  }
}
