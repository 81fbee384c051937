// Bundle the CLI (chevrotain unbundled costs ~0.4 s at start-up) and give it V8's code cache, so that a
// start (a benchmark target, and part of every `netl down`) does not compile the bundle again:
//   dist/netl.cjs      the bundle, CommonJS so that dist/netl.js can compile it with cached data;
//                      its first line is a fingerprint of the rest
//   dist/netl.js       scripts/start.cjs: compiles the bundle with dist/netl.cache when it was made for
//                      this bundle (else as usual) and runs it
//   dist/netl.cache    V8's code cache, made by running `netl check` on the examples (and what it compiled)
//   dist/netl-down.cjs, dist/netl-down.js, dist/netl-down.cache
//                      the same for src/down.ts, `netl down LAB` alone (the launcher's way for that form):
//                      a teardown need not compile the whole CLI; its cache made by a `down` of an empty
//                      stand-in lab under a directory of its own
//   dist/package.json  { "type": "commonjs" }: netl.js starts as CommonJS, ~6 ms less than an ES module
//   dist/netl.blob     a start-up snapshot of node with netl loaded and its grammar built (src/snapshot.ts
//                      bundled into scripts/snapshot.cjs): specific to the node binary that made it
//   dist/netl          scripts/netl.sh, the bin: node --snapshot-blob dist/netl.blob when the blob was
//                      made by the node on PATH, else node dist/netl.js
// Each file is written whole under another name and renamed: a netl starting meanwhile reads old or new.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nativeText } from "./native-text.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

// commander loads node:child_process when it loads (for sub-commands that are separate programs, which
// netl has none of): a stand-in that loads it when first used keeps it out of `netl check` (~4 ms).
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${sep}commander${sep}`) ? { path: "child_process", namespace: "lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: "js",
    }));
  },
};

const put = (name, content, mode = 0o644) => {
  const tmp = join(dist, `.${name}.${process.pid}`);
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, join(dist, name));
};

/** The bundle of `entry` (src/cli.ts: the CLI; src/snapshot.ts: the same for the snapshot), as text. */
const bundle = async (entry) => {
  const { outputFiles } = await build({
    entryPoints: [join(root, entry)],
    outfile: join(dist, "netl.cjs"),
    write: false,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Smaller source compiles faster when the cache cannot be used.
    minify: true,
    keepNames: false,
    legalComments: "none",
    // Graphviz in WebAssembly (1.5 MB, only for `graph --format svg`) stays in node_modules, loaded when
    // asked for: bundled, every start-up would compile it (~30 ms of a ~180 ms start). So does the YAML
    // writer (115 kB minified, only for `export --format containerlab`): a fifth more bundle at every start.
    external: ["@viz-js/viz", "yaml"],
    // Its import() becomes require(): the bundle runs as a script, where import() has no loader.
    supported: { "dynamic-import": false },
    // dist/netl.js hands the bundle its own URL, as it hands it `require` and `__filename`.
    define: { "import.meta.url": "__netlUrl" },
    plugins: [lazyChildProcessForCommander, nativeText],
    logLevel: "warning",
  });
  // The entry's `#!` line cannot stand inside the function dist/netl.js wraps the bundle in.
  return outputFiles[0].text.replace(/^#!.*\n/, "");
};
const code = await bundle("src/cli.ts");
const downCode = await bundle("src/down.ts");
const snapshotCode = await bundle("src/snapshot.ts");
/** The bundle as dist/ holds it: a fingerprint of the code on its first line, for the code cache. */
const fingerprinted = (text) => `//${createHash("sha256").update(text).digest("hex").slice(0, 32)}\n${text}`;

mkdirSync(dist, { recursive: true });
put("package.json", '{ "type": "commonjs" }\n');
put("netl.cjs", fingerprinted(code));
put("netl.js", readFileSync(join(root, "scripts", "start.cjs")), 0o755);
put("netl-down.cjs", fingerprinted(downCode));
put("netl-down.js", readFileSync(join(root, "scripts", "start.cjs")), 0o755);

// The cache: what a check of every example compiles (the grammar, the interpreter, the CLI's start).
const cache = join(dist, "netl.cache");
rmSync(cache, { force: true });
const examples = readdirSync(join(root, "examples"))
  .filter((f) => f.endsWith(".netl"))
  .map((f) => join(root, "examples", f));
spawnSync(process.execPath, [join(dist, "netl.js"), "check", ...examples], {
  env: { ...process.env, NETL_CODE_CACHE: "write" },
  stdio: "ignore",
});
if (!existsSync(cache)) console.warn("build: no code cache was made; netl starts without one (slower)");

// netl-down's cache: `netl down` of a stand-in lab with nothing in it, under a run directory of its own
// (nothing of the machine's is read or touched; without root it stops at the root check).
const downCache = join(dist, "netl-down.cache");
rmSync(downCache, { force: true });
const standIn = mkdtempSync(join(tmpdir(), "netl-build-"));
writeFileSync(
  join(standIn, "cache.json"),
  JSON.stringify({ version: 1, lab: "cache", pid: process.pid, updated: new Date().toISOString(), namespaces: [] }),
);
spawnSync(process.execPath, [join(dist, "netl-down.js"), "down", "cache"], {
  env: { ...process.env, NETL_CODE_CACHE: "write", NETL_RUN_DIR: standIn },
  stdio: "ignore",
});
rmSync(standIn, { recursive: true, force: true });
if (!existsSync(downCache)) console.warn("build: no code cache for netl-down; netl down starts without one (slower)");

// The snapshot, made by this very node (the launcher uses it with no other). Without it, dist/netl runs
// dist/netl.js: slower to start, the same otherwise.
const blob = join(dist, "netl.blob");
const entry = join(dist, `.snapshot.${process.pid}.cjs`);
const blobTmp = join(dist, `.netl.blob.${process.pid}`);
rmSync(blob, { force: true });
const template = readFileSync(join(root, "scripts", "snapshot.cjs"), "utf8");
writeFileSync(
  entry,
  template.replace("// @bundle\n", () => `${snapshotCode}\n`),
);
// Warmed with the smallest example: what the snapshot holds, the start deserialises every time. The
// lexer and parser are built either way (the costly part); what a larger script needs beyond that
// compiles when it runs, about what deserialising it would cost. With every example in: `check` of a
// two-line script 3 ms slower, of the largest example no faster (2026-11-29, 40 rounds alternating).
const warmWith = join(root, "examples", "two-hosts.netl");
const made = spawnSync(process.execPath, ["--snapshot-blob", blobTmp, "--build-snapshot", entry, warmWith], {
  stdio: ["ignore", "inherit", "inherit"],
});
rmSync(entry, { force: true });
if (made.status === 0 && existsSync(blobTmp)) renameSync(blobTmp, blob);
else {
  rmSync(blobTmp, { force: true });
  console.warn("build: no start-up snapshot was made; dist/netl starts dist/netl.js (slower)");
}
const quoted = `'${process.execPath.replace(/'/g, "'\\''")}'`;
put(
  "netl",
  readFileSync(join(root, "scripts", "netl.sh"), "utf8").replace("'@NODE@'", () => quoted),
  0o755,
);
