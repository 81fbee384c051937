// `netl down LAB` of a plain lab is taken down by the Perl helper with no node started
// (src/runtime/native/netns-del.pl `down`, copied to dist/netns-del.pl): the bin (scripts/netl.sh)
// gives exactly that form to it first, and whenever it did not remove the lab to `netl down`'s own
// bundle, started from V8's code cache (src/down.ts, scripts/start-cached.cjs); every other form goes to
// the full CLI alone. Stand-ins first (which ran, with what), then the built dist/.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("nlt-down-start-");
const PATH = `${join(process.execPath, "..")}:/usr/bin:/bin`;
const DIST = new URL("../../dist/", import.meta.url).pathname;
const FALLBACK = 75;

/** A dist/ of the real bin and stand-ins: the CLI and the down bundle print that they ran; the helper logs and exits with HELPER_STATUS. */
function standIns(): { dist: string; log: string } {
  const dist = join(tempDir(), "dist");
  mkdirSync(dist);
  const log = join(dist, "helper.log");
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
  writeFileSync(
    join(dist, "netns-del.pl"),
    `open(my $f, ">>", "${log}"); print $f "@ARGV\\n"; close $f; exit($ENV{HELPER_STATUS} // 0);\n`,
  );
  return { dist, log };
}

const ran = (dist: string, args: string[], env: Record<string, string> = {}) => {
  // No snapshot of its own: the bin then runs dist/netl.js as it is.
  const r = spawnSync(join(dist, "netl"), args, { encoding: "utf8", env: { PATH, HOME: "/nonexistent", ...env } });
  return { status: r.status, cli: r.stdout === "" ? undefined : JSON.parse(r.stdout) };
};
const helperRuns = (log: string) => {
  try {
    return readFileSync(log, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

describe("netl down's own start", () => {
  it("gives `down LAB` to the helper, and to the down bundle only when the helper did not remove the lab", () => {
    const { dist, log } = standIns();
    expect(ran(dist, ["down", "lab1"], { HELPER_STATUS: "0" })).toEqual({ status: 0, cli: undefined });
    expect(helperRuns(log)).toEqual(["down lab1"]);
    for (const status of [FALLBACK, 1, 2, 255])
      expect(ran(dist, ["down", "lab1"], { HELPER_STATUS: String(status) })).toEqual({
        status: 0,
        cli: { via: "down", args: ["down", "lab1"] },
      });
    expect(helperRuns(log)).toHaveLength(5);
  });

  it("gives every other form to the full CLI alone", () => {
    const { dist, log } = standIns();
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
      expect(ran(dist, other)).toEqual({ status: 0, cli: { via: "cli", args: other } });
    expect(helperRuns(log)).toEqual([]);
  });

  it("goes to the down bundle where there is no perl", () => {
    const { dist, log } = standIns();
    const bin = join(tempDir(), "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, "node"));
    expect(ran(dist, ["down", "lab1"], { PATH: bin })).toEqual({
      status: 0,
      cli: { via: "down", args: ["down", "lab1"] },
    });
    expect(helperRuns(log)).toEqual([]);
  });

  it("the built helper says nothing and leaves nothing where the full CLI is to speak", () => {
    const runDir = tempDir();
    for (const lab of ["nosuchlab", "bad/name", "x".repeat(70), "a b"]) {
      const r = spawnSync("perl", [join(DIST, "netns-del.pl"), "down", lab], {
        encoding: "utf8",
        env: { PATH, NETL_RUN_DIR: runDir },
      });
      expect({ status: r.status, out: r.stdout + r.stderr }, lab).toEqual({ status: FALLBACK, out: "" });
    }
    expect(readdirSync(runDir)).toEqual([]);
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
