// `netl down LAB` starts from a bundle of its own with V8's code cache (src/down.ts, scripts/start-cached.cjs):
// the bin (scripts/netl.sh) sends exactly that form there and every other to the full CLI, and the two
// say the same. Stand-ins first (which one ran, with what), then the built dist/ itself.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("nlt-down-start-");
const PATH = `${join(process.execPath, "..")}:/usr/bin:/bin`;
const DIST = new URL("../../dist/", import.meta.url).pathname;

/** A dist/ of the real bin and stand-ins that print which of them ran and its arguments. */
function standIns(): string {
  const dist = join(tempDir(), "dist");
  mkdirSync(dist);
  const launcher = readFileSync(new URL("../../scripts/netl.sh", import.meta.url), "utf8");
  writeFileSync(join(dist, "netl"), launcher.replace("@FINGERPRINT@", "0123456789abcdef"), { mode: 0o755 });
  writeFileSync(join(dist, "package.json"), '{ "type": "commonjs" }\n');
  for (const [file, via] of [
    ["netl.js", "cli"],
    ["netl-down.js", "down"],
  ])
    writeFileSync(
      join(dist, file),
      `process.stdout.write(JSON.stringify({ via: ${JSON.stringify(via)}, args: process.argv.slice(2) }));\n`,
    );
  return dist;
}

const ran = (dist: string, args: string[]) => {
  // No cache of its own: the bin then runs dist/netl.js (or netl-down.js) as it is.
  const r = spawnSync(join(dist, "netl"), args, { encoding: "utf8", env: { PATH, HOME: "/nonexistent" } });
  return JSON.parse(r.stdout) as { via: string; args: string[] };
};

describe("netl down's own start", () => {
  it("takes `down LAB` alone; every other form goes to the full CLI", () => {
    const dist = standIns();
    expect(ran(dist, ["down", "lab1"])).toEqual({ via: "down", args: ["down", "lab1"] });
    for (const other of [
      ["down"],
      ["down", "--help"],
      ["down", "-h"],
      ["down", "--rootless", "lab1"],
      ["down", "lab1", "extra"],
      ["--prefix", "p", "down"],
      ["ls"],
      ["down-x", "lab1"],
    ])
      expect(ran(dist, other)).toEqual({ via: "cli", args: other });
  });

  it("says what the full CLI says, with the cache, without it and with a cache made for other code", () => {
    const runDir = tempDir();
    const env = { PATH, NETL_RUN_DIR: runDir, NO_COLOR: "1" };
    const say = (file: string, lab: string) => {
      const r = spawnSync(process.execPath, [file, "down", lab], { encoding: "utf8", env });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    // A copy of the built dist/ whose cache can be removed or replaced.
    const copy = join(tempDir(), "dist");
    mkdirSync(copy);
    for (const f of ["netl-down.js", "netl-down.cjs", "netl-down.cache", "package.json"])
      copyFileSync(join(DIST, f), join(copy, f));
    const caches = {
      built: readFileSync(join(DIST, "netl-down.cache")),
      foreign: Buffer.concat([Buffer.from("//not-this-bundle\n"), Buffer.alloc(4096, 7)]),
    };
    // (A lab starting with "-" never comes here: the bin gives it to the full CLI, above.)
    for (const lab of ["nosuchlab", "bad/name", "x".repeat(70)]) {
      const full = say(join(DIST, "netl.js"), lab);
      expect(full.status).not.toBe(0);
      expect(say(join(DIST, "netl-down.js"), lab)).toEqual(full);
      writeFileSync(join(copy, "netl-down.cache"), caches.foreign);
      expect(say(join(copy, "netl-down.js"), lab)).toEqual(full);
      writeFileSync(join(copy, "netl-down.cache"), caches.built);
      expect(say(join(copy, "netl-down.js"), lab)).toEqual(full);
    }
  });

  it("the build made a cache for the bundle beside it", () => {
    const bundleHead = readFileSync(join(DIST, "netl-down.cjs"), "utf8").split("\n", 1)[0];
    const cacheHead = readFileSync(join(DIST, "netl-down.cache")).toString("latin1", 0, (bundleHead?.length ?? 0) + 1);
    expect(bundleHead).toMatch(/^\/\/[0-9a-f]{32}$/);
    expect(cacheHead).toBe(`${bundleHead}\n`);
  });
});
