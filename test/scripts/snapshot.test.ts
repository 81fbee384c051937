// The start-up snapshot as a user gets it: dist/snapshot.js makes it for the node that runs netl, in
// the user's cache, and then the bin (dist/netl) starts node from it; the same program as dist/netl.js,
// so the same output, errors and exit status, with what is read at start (arguments, standard input,
// where dist/ is for the lessons and @viz-js/viz) read at start. A node it cannot serve (a wrapper on
// PATH, NODE_OPTIONS, a cache that cannot be written, a read-only install) still runs netl.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { testPrefix } from "../support/kernel.js";

const root = new URL("../..", import.meta.url).pathname;
const dist = join(root, "dist");
const bin = join(dist, "netl");
const work = mkdtempSync(join(tmpdir(), "nlt-snapshot-"));
const cache = join(work, "cache");
const runDir = join(work, "run");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fingerprint = () => /^fingerprint='([0-9a-f]{16})'$/m.exec(readFileSync(bin, "utf8"))?.[1] ?? "";
const blobFor = (node: string, at = cache) => `${join(at, "netl", fingerprint() + node)}.blob`;
const blob = blobFor(process.execPath);
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;

const run = (argv: readonly string[], input = "", env: Record<string, string> = {}) => {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, PATH, NO_COLOR: "1", NETL_RUN_DIR: runDir, HOME: work, XDG_CACHE_HOME: cache, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The maker, run to its end (the bin starts it in the background), its cache in `top`. */
const make = (at: string, node: string, top = work) => run([node, join(dist, "snapshot.js"), at, node, top, "--now"]);

beforeAll(() => {
  mkdirSync(runDir, { recursive: true });
  expect(make(blob, process.execPath).status).toBe(0);
});

test("the maker leaves a blob for this node, linked to it and newer than it; the bin starts from it", () => {
  expect(existsSync(blob)).toBe(true);
  expect(readlinkSync(`${blob}.node`)).toBe(process.execPath);
  expect(existsSync(`${blob}.skip`)).toBe(false);
  const r = spawnSync("sh", ["-x", bin, "--version"], {
    encoding: "utf8",
    env: { ...process.env, PATH, HOME: work, XDG_CACHE_HOME: cache },
  });
  expect(r.stdout).toBe(`${run(["node", join(dist, "netl.js"), "--version"]).stdout}`);
  expect(r.stderr).toContain(`exec ${process.execPath} --snapshot-blob ${blob} ${join(dist, "netl.js")} --version`);
});

const cases: { args: string[]; input?: string }[] = [
  { args: ["--version"] },
  { args: ["--help"] },
  { args: ["check", "examples/two-hosts.netl", "examples/routed.netl"] },
  { args: ["plan", "--prefix", "p", "examples/routed.netl"] },
  { args: ["check", "-"], input: "ns A\nlink A <-> B 10.0.0.0/24\n" },
  { args: ["check", "-"], input: "ns A\nlnk A <-> B\n" },
  { args: ["check", "no-such-file.netl"] },
  { args: ["frobnicate"] },
  { args: ["tutorial", "--list", "--lang", "en"] },
  { args: ["export", "--format", "containerlab", "examples/two-hosts.netl"] },
  // @viz-js/viz is not in the bundle: required from beside it at run time.
  { args: ["graph", "--format", "svg", "examples/two-hosts.netl"] },
];

test.each(cases)("netl $args: the snapshot gives what dist/netl.js gives", ({ args, input }) => {
  const js = run(["node", join(dist, "netl.js"), ...args], input);
  expect(js.status).not.toBe(70);
  expect(run([bin, ...args], input)).toEqual(js);
  // And node started from the blob itself, in case the bin chose netl.js.
  expect(run(["node", "--snapshot-blob", blob, join(dist, "netl.js"), ...args], input)).toEqual(js);
});

test("the REPL (node:repl, which needs console.Console) starts and ends", () => {
  const args = ["--prefix", testPrefix("snap"), "--lab", testPrefix("snap")];
  const js = run(["node", join(dist, "netl.js"), ...args], "# nothing\n");
  expect(js.status).toBe(0);
  expect(run(["node", "--snapshot-blob", blob, join(dist, "netl.js"), ...args], "# nothing\n")).toEqual(js);
});

test("with NODE_OPTIONS, which would make node refuse the blob: netl runs all the same", () => {
  const env = { NODE_OPTIONS: "--max-old-space-size=300" };
  const js = run(["node", join(dist, "netl.js"), "check", "examples/two-hosts.netl"], "", env);
  expect(js.status).toBe(0);
  expect(run([bin, "check", "examples/two-hosts.netl"], "", env)).toEqual(js);
});

test("a wrapper named node on PATH (a version manager's shim): the maker says so, netl runs plainly", () => {
  const shim = join(work, "shim");
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, "node"), `#!/bin/sh\nexec ${process.execPath} "$@"\n`, { mode: 0o755 });
  const at = blobFor(join(shim, "node"));
  expect(make(at, join(shim, "node")).status).toBe(0);
  expect(existsSync(at)).toBe(false);
  expect(readFileSync(`${at}.skip`, "utf8")).toBe(
    `${join(shim, "node")} is not node itself but starts ${process.execPath}\n`,
  );
  const r = run([bin, "check", "examples/two-hosts.netl"], "", { PATH: `${shim}:${PATH}` });
  expect(r).toMatchObject({ status: 0, stdout: "examples/two-hosts.netl: ok (6 statements)\n" });
});

test("a maker already at work (its lock held by a live process) is left to it; a dead one's lock is taken", () => {
  const top = join(work, "locked");
  const at = blobFor(process.execPath, top);
  mkdirSync(dirname(at), { recursive: true });
  writeFileSync(`${at}.lock`, String(process.pid));
  expect(make(at, process.execPath, top).status).toBe(0);
  expect(existsSync(at)).toBe(false);
  // A pid that is not running: the lock is stale.
  writeFileSync(`${at}.lock`, "999999999");
  expect(make(at, process.execPath, top).status).toBe(0);
  expect(existsSync(at)).toBe(true);
  expect(existsSync(`${at}.lock`)).toBe(false);
});

test("snapshots of other bundles go once the newest three are kept and they are a day old; younger ones stay", () => {
  const top = join(work, "pruned");
  const at = blobFor(process.execPath, top);
  const folder = (hex: string) => join(top, "netl", hex.repeat(16).slice(0, 16));
  const hour = 3600;
  const now = Date.now() / 1000;
  // Hours ago for each: two newer than any but this bundle's, one 5 h old, two days old and more.
  const ages: [string, number][] = [
    ["a", 1],
    ["b", 2],
    ["c", 5],
    ["d", 48],
    ["e", 72],
  ];
  for (const [hex, hours] of ages) {
    mkdirSync(folder(hex), { recursive: true });
    utimesSync(folder(hex), now - hours * hour, now - hours * hour);
  }
  expect(make(at, process.execPath, top).status).toBe(0);
  expect(existsSync(at)).toBe(true);
  const left = readdirSync(join(top, "netl")).sort();
  expect(left).toEqual([fingerprint(), ...["a", "b", "c"].map((h) => h.repeat(16))].sort());
});

test.runIf(process.geteuid?.() === 0)(
  "the maker writes nothing in a folder another user owns, nor through a link between its top and the blob",
  () => {
    const theirs = join(work, "theirs");
    mkdirSync(theirs, { recursive: true });
    spawnSync("chown", ["65534:65534", theirs]);
    const at = blobFor(process.execPath, theirs);
    expect(make(at, process.execPath, theirs).status).toBe(0);
    expect(readdirSync(theirs)).toEqual([]);
    // A folder of root's own whose netl/ is a link to one the user could change.
    const linked = join(work, "linked");
    mkdirSync(linked, { recursive: true });
    symlinkSync(theirs, join(linked, "netl"));
    const through = blobFor(process.execPath, linked);
    expect(make(through, process.execPath, linked).status).toBe(0);
    expect(readdirSync(theirs)).toEqual([]);
  },
);

test.runIf(process.geteuid?.() === 0)(
  "installed read-only, run by a user who cannot write the cache: netl runs",
  () => {
    // A copy of the package (dist/ and what it reads) owned by root, run as nobody with no HOME.
    const pkg = join(work, "pkg");
    for (const d of ["dist", "examples", "lessons", "node_modules/@viz-js"])
      cpSync(join(root, d), join(pkg, d), { recursive: true });
    chmodSync(work, 0o755);
    const r = spawnSync(
      "setpriv",
      [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        join(pkg, "dist", "netl"),
        "check",
        join(pkg, "examples", "two-hosts.netl"),
      ],
      { encoding: "utf8", env: { PATH, HOME: "/nonexistent" } },
    );
    expect(r).toMatchObject({ status: 0, stdout: `${join(pkg, "examples", "two-hosts.netl")}: ok (6 statements)\n` });
  },
);
