// scripts/netl.sh (dist/netl, the bin): node starts from the snapshot in the user's cache only when that
// very node binary made it (the blob's `.node` link) and it is newer than the binary, and never with
// NODE_OPTIONS; otherwise it runs dist/netl.js and, where the cache can be written and no earlier try
// found the node unfit (`.skip`), starts dist/snapshot.js to make one. Stand-ins for netl.js, the blob
// and snapshot.js say which ran, with what arguments and environment. The maker runs in the background:
// its note is waited for; that none came is told by a later start that surely makes one (a control).
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "nlt-launcher-"));
const dist = join(dir, "dist");
const cache = join(dir, "cache");
const notes = join(dir, "notes", "maker-ran");
const FINGERPRINT = "0123456789abcdef";
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a stand-in reports of the CA variable and its carried copy (null: unset). */
const ENV_SEEN = "ca: process.env.NODE_EXTRA_CA_CERTS ?? null, carried: process.env.NETL_NODE_EXTRA_CA_CERTS ?? null";
/** A PATH whose first node is the one running the tests. */
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;
/** Where the bin looks for this node's blob. */
const blobFor = (node: string) => `${join(cache, "netl", FINGERPRINT + node)}.blob`;
const blob = blobFor(process.execPath);

beforeAll(() => {
  // Traversable by a plain user (one test runs the bin as nobody), the maker's notes writable by it.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "notes"));
  chmodSync(join(dir, "notes"), 0o777);
  mkdirSync(dist);
  const launcher = readFileSync(new URL("../../scripts/netl.sh", import.meta.url), "utf8");
  writeFileSync(join(dist, "netl"), launcher.replace("@FINGERPRINT@", FINGERPRINT), { mode: 0o755 });
  writeFileSync(join(dist, "package.json"), '{ "type": "commonjs" }\n');
  writeFileSync(
    join(dist, "netl.js"),
    `process.stdout.write(JSON.stringify({ via: "js", argv1: process.argv[1], args: process.argv.slice(2), ${ENV_SEEN} }));\n`,
  );
  writeFileSync(
    join(dist, "snapshot.js"),
    `require("node:fs").appendFileSync(${JSON.stringify(notes)}, JSON.stringify(process.argv.slice(2)) + "\\n");\n`,
  );
  const entry = join(dir, "entry.cjs");
  writeFileSync(
    entry,
    `require("node:v8").startupSnapshot.setDeserializeMainFunction(() => process.stdout.write(JSON.stringify({ via: "blob", argv1: process.argv[1], args: process.argv.slice(2), execArgv: process.execArgv, ${ENV_SEEN} })));\n`,
  );
  mkdirSync(dirname(blob), { recursive: true });
  const r = spawnSync(process.execPath, ["--snapshot-blob", join(dir, "kept.blob"), "--build-snapshot", entry]);
  expect(r.status).toBe(0);
});

beforeEach(() => {
  rmSync(cache, { recursive: true, force: true });
  // Empty, and writable by the plain user's maker too.
  writeFileSync(notes, "");
  chmodSync(notes, 0o666);
});

/** The blob as the maker leaves it: for `node`, newer than it. */
function makeBlob(node = process.execPath) {
  const at = blobFor(node);
  mkdirSync(dirname(at), { recursive: true });
  copyFileSync(join(dir, "kept.blob"), at);
  symlinkSync(node, `${at}.node`);
  return at;
}

interface Ran {
  readonly via?: string;
  readonly argv1?: string;
  readonly args?: string[];
  readonly execArgv?: string[];
  readonly ca?: string | null;
  readonly carried?: string | null;
  readonly status: number | null;
  readonly stderr: string;
}

/** The maker's starts noted so far, once `awaited` is among them (it runs in the background). */
async function makerRuns(awaited: readonly string[]): Promise<string[][]> {
  const read = (): string[][] =>
    readFileSync(notes, "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
  const starts = (run: readonly string[]) => awaited.every((arg, i) => run[i] === arg);
  await expect.poll(() => read().some(starts), { timeout: 10_000, interval: 50 }).toBe(true);
  return read();
}

let controls = 0;
/** Whether the maker was started for `blobAt`: told once a later start that surely makes one has noted. */
async function made(blobAt: string): Promise<boolean> {
  const at = join(dir, `control-${controls++}`);
  run(["x"], { env: { XDG_CACHE_HOME: at } });
  const runs = await makerRuns([`${join(at, "netl", FINGERPRINT + process.execPath)}.blob`, process.execPath]);
  return runs.some((m) => m[0] === blobAt);
}

function run(
  args: readonly string[],
  options: { bin?: string; path?: string; env?: Record<string, string> } = {},
): Ran {
  const r = spawnSync(options.bin ?? join(dist, "netl"), args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: options.path ?? PATH, XDG_CACHE_HOME: cache, HOME: dir, ...options.env },
  });
  return { ...(r.stdout ? JSON.parse(r.stdout) : {}), status: r.status, stderr: r.stderr };
}

test("no snapshot yet: netl.js runs, and the maker is started for this node", async () => {
  expect(run(["check", "--version", "-i", "x"])).toMatchObject({
    via: "js",
    argv1: join(dist, "netl.js"),
    args: ["check", "--version", "-i", "x"],
    status: 0,
  });
  await makerRuns([blob, process.execPath]);
});

test("a snapshot made by this node: node starts from it, with the bundle as its script", async () => {
  makeBlob();
  expect(run(["check", "--version", "-i", "x"])).toMatchObject({
    via: "blob",
    argv1: join(dist, "netl.js"),
    args: ["check", "--version", "-i", "x"],
    execArgv: ["--snapshot-blob", blob],
  });
  expect(await made(blob)).toBe(false);
});

test("another binary at the node's path (not the one the link names): not used, made again", async () => {
  const other = join(dir, "other-bin");
  mkdirSync(other, { recursive: true });
  copyFileSync(process.execPath, join(other, "node"));
  chmodSync(join(other, "node"), 0o755);
  // The blob at the copy's place, but its link names the node that made it: another binary.
  const at = blobFor(join(other, "node"));
  mkdirSync(dirname(at), { recursive: true });
  copyFileSync(join(dir, "kept.blob"), at);
  symlinkSync(process.execPath, `${at}.node`);
  expect(run(["x"], { path: `${other}:/usr/bin:/bin` })).toMatchObject({ via: "js", args: ["x"] });
  await makerRuns([at, join(other, "node")]);
  // Each node its own: once made for the copy, the copy starts from it.
  rmSync(`${at}.node`);
  symlinkSync(join(other, "node"), `${at}.node`);
  expect(run(["x"], { path: `${other}:/usr/bin:/bin` })).toMatchObject({ via: "blob" });
  rmSync(other, { recursive: true });
});

/** A time before this node's file was written. */
const beforeNode = () => new Date(statSync(process.execPath).mtimeMs - 86_400_000);

test("a node changed since the snapshot (newer than it): not used, made again", async () => {
  const at = makeBlob();
  utimesSync(at, beforeNode(), beforeNode());
  expect(run(["x"])).toMatchObject({ via: "js" });
  await makerRuns([blob, process.execPath]);
});

test("with NODE_OPTIONS (whose V8 options make node refuse any snapshot): neither used nor made", async () => {
  makeBlob();
  const env = { NODE_OPTIONS: "--max-old-space-size=200" };
  expect(run(["x"], { env })).toMatchObject({ via: "js", status: 0 });
  rmSync(cache, { recursive: true });
  expect(run(["x"], { env })).toMatchObject({ via: "js", status: 0 });
  expect(await made(blob)).toBe(false);
});

test("a node the maker found unfit (.skip newer than it): not asked again until it changes", async () => {
  mkdirSync(dirname(blob), { recursive: true });
  writeFileSync(`${blob}.skip`, "why\n");
  expect(run(["x"])).toMatchObject({ via: "js" });
  expect(await made(blob)).toBe(false);
  utimesSync(`${blob}.skip`, beforeNode(), beforeNode());
  expect(run(["x"])).toMatchObject({ via: "js" });
  await makerRuns([blob, process.execPath]);
});

test.runIf(process.geteuid?.() === 0)(
  "a plain user's cache: only a folder of their own is used or made; root's or one open to all is not",
  async () => {
    // As nobody: the install (root's) is read-only to it, and so is a cache folder of root's.
    const roots = join(dir, "root-cache");
    mkdirSync(roots, { recursive: true });
    const open = join(dir, "open-cache");
    mkdirSync(open, { recursive: true });
    chmodSync(open, 0o777);
    const own = join(dir, "own-cache");
    mkdirSync(own, { recursive: true });
    chownSync(own, 65534, 65534);
    const asNobody = (home: string) =>
      spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", join(dist, "netl"), "x"], {
        encoding: "utf8",
        env: { PATH, HOME: home },
      });
    const blobUnder = (home: string) => `${join(home, ".cache", "netl", FINGERPRINT + process.execPath)}.blob`;
    for (const notMine of [roots, open]) {
      const r = asNobody(notMine);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ via: "js", args: ["x"] });
      expect(await made(blobUnder(notMine))).toBe(false);
    }
    asNobody(own);
    await makerRuns([blobUnder(own), process.execPath, own]);
  },
);

test.runIf(process.geteuid?.() === 0)(
  "root with a plain user's HOME (sudo -E): never a snapshot from there, root's own /var/cache instead",
  async () => {
    // The user has put a snapshot and its link in their own cache, where root's netl would look.
    const home = join(dir, "home-of-nobody");
    const planted = `${join(home, ".cache", "netl", FINGERPRINT + process.execPath)}.blob`;
    mkdirSync(dirname(planted), { recursive: true });
    copyFileSync(join(dir, "kept.blob"), planted);
    symlinkSync(process.execPath, `${planted}.node`);
    spawnSync("chown", ["-R", "65534:65534", home]);
    const r = run(["x"], { env: { HOME: home, XDG_CACHE_HOME: "" } });
    expect(r).toMatchObject({ via: "js", args: ["x"] });
    await makerRuns([`/var/cache/netl/${FINGERPRINT}${process.execPath}.blob`, process.execPath, "/var/cache"]);
  },
);

test("a link anywhere between the cache's top and the blob: the blob is not used, nor made there", async () => {
  makeBlob();
  // The same blob, reached through a linked folder.
  const real = join(dir, "real-cache");
  rmSync(real, { recursive: true, force: true });
  mkdirSync(dirname(real), { recursive: true });
  spawnSync("cp", ["-a", join(cache, "netl"), real]);
  rmSync(join(cache, "netl"), { recursive: true });
  symlinkSync(real, join(cache, "netl"));
  expect(run(["x"])).toMatchObject({ via: "js", args: ["x"] });
  expect(await made(blob)).toBe(false);
  rmSync(real, { recursive: true });
});

test("npm's link to the bin: dist/ is found where the file is", () => {
  const link = join(dir, "bin-link");
  rmSync(link, { force: true });
  symlinkSync(join(dist, "netl"), link);
  expect(run(["x"], { bin: link })).toMatchObject({ via: "js", argv1: join(dist, "netl.js") });
  makeBlob();
  expect(run(["x"], { bin: link })).toMatchObject({ via: "blob", argv1: join(dist, "netl.js") });
});

test("NODE_EXTRA_CA_CERTS: node starts without it, the value carried for netl to put back", () => {
  const ca = "/etc/ssl/certs/ca-certificates.crt";
  expect(run(["x"], { env: { NODE_EXTRA_CA_CERTS: ca } })).toMatchObject({ via: "js", ca: null, carried: ca });
  makeBlob();
  expect(run(["x"], { env: { NODE_EXTRA_CA_CERTS: ca } })).toMatchObject({ via: "blob", ca: null, carried: ca });
  // Set but empty is carried as such; unset stays unset.
  expect(run(["x"], { env: { NODE_EXTRA_CA_CERTS: "" } })).toMatchObject({ ca: null, carried: "" });
  expect(run(["x"])).toMatchObject({ ca: null, carried: null });
});

test("no node on PATH: said, exit 127", () => {
  const r = spawnSync(join(dist, "netl"), ["x"], { encoding: "utf8", env: { PATH: "/nonexistent" } });
  expect(r.status).toBe(127);
  expect(r.stderr).toBe("netl: no node on PATH (netl runs on Node.js 20 or later)\n");
});
