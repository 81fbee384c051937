// Bundle the CLI (chevrotain unbundled loads hundreds of files at start-up) and put the bin beside it
// (docs/ARCHITECTURE.md, "Start-up"):
//   dist/netl.js       the bundle, CommonJS (dist/package.json), which starts sooner than an ES module
//                      (docs/BENCHMARKS.md); also the entry of netl's start-up snapshot (src/snapshot.ts)
//   dist/netl          scripts/netl.sh, the bin, with the bundle's fingerprint written in: node from the
//                      snapshot made for it, else node dist/netl.js
//   dist/snapshot.js   scripts/snapshot.cjs: makes that snapshot for the user's node, in the user's cache
//   dist/netns-del.pl  the teardown helper, which the bin runs for `netl down LAB` before any node
//   dist/netl-down.js  `netl down LAB` of a lab the helper leaves to node: src/down.ts's bundle, from V8's code cache
// Nothing here is made for the node that builds: npm pack runs this (prepack), and the tarball is the
// same whoever packs it. Each file is written whole under another name and renamed: a netl starting
// meanwhile reads old or new.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { nativeText } from "./native-text.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("build: esbuild is missing; run `npm ci` first (it installs the build's tools)");
  process.exit(1);
}

// commander loads node:child_process when it loads (for sub-commands that are separate programs, which
// netl has none of): a stand-in that loads it when first used keeps it out of `netl check`.
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

// chevrotain's lexer keeps a table with one number per UTF-16 code unit, each a function of the code unit
// alone: the start-up snapshot's largest object, deserialised at every start. The stand-in works the
// number out when asked (the same for every code unit, undefined past the table as before). The build
// stops when chevrotain's text is not the one this was written for.
const LEXER_TABLE = [
  [
    "        : charCodeToOptimizedIdxMap[charCode];",
    "        : charCode < 65536 ? 255 + ~~(charCode / 255) : undefined;",
  ],
  ["    if (isEmpty(charCodeToOptimizedIdxMap)) {", "    if (false) {"],
];
const lexerTableWorkedOut = {
  name: "lexer-table-worked-out",
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async (args) => {
      let text = readFileSync(args.path, "utf8");
      for (const [was, is] of LEXER_TABLE) {
        if (text.split(was).length !== 2)
          throw new Error(`build: chevrotain's ${args.path} changed; see lexerTableWorkedOut`);
        text = text.replace(was, is);
      }
      return { contents: text, loader: "js" };
    });
  },
};

// Graphviz in WebAssembly (1.2 MB, only for `graph --format svg`) stays a package of its own, loaded
// when asked for. The bundle's own `require` cannot load it from a snapshot (there it is the one node
// gives a snapshot's entry, built-in modules only), so it is required from where the bundle is.
// So are the language server's libraries, for `netl lsp` alone.
const OUTSIDE = ["@viz-js/viz", "vscode-languageserver/node", "vscode-languageserver-textdocument"];
// Libraries that few commands use — yaml (`export --format containerlab`) and execa (a user's command in
// a lab) — are bundled each into a file of its own beside the bundle, required from there when first
// asked: in the bundle, every start would deserialise them with the start-up snapshot.
const BESIDE = { yaml: "netl-yaml.cjs", execa: "netl-execa.cjs" };
const outside = {
  name: "outside-the-bundle",
  setup(b) {
    const names = [...OUTSIDE, ...Object.keys(BESIDE)];
    const filter = new RegExp(`^(${names.map((m) => m.replace(/[/.]/g, "\\$&")).join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "outside" }));
    b.onLoad({ filter: /.*/, namespace: "outside" }, (args) => ({
      contents: `module.exports = require("node:module").createRequire(__netlWhere.bundle)(${JSON.stringify(BESIDE[args.path] === undefined ? args.path : `./${BESIDE[args.path]}`)});`,
      loader: "js",
    }));
  },
};

/** How every file of dist/ is bundled: one CommonJS file for Node 20, minified, kept in memory. */
const BUNDLED = {
  write: false,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: true,
  legalComments: "none",
};

/** The library `name` alone, for its file beside the bundle. */
const besideOf = async (name) => {
  const { outputFiles } = await esbuild.build({
    ...BUNDLED,
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: root, loader: "js" },
    logLevel: "warning",
  });
  return outputFiles[0].text;
};

// Where the bundle is, read when asked: process.argv[1], as node and the snapshot's start both have it
// (a snapshot's own __filename is where it was made).
const where = `var __netlWhere={get bundle(){return require("node:path").resolve(process.argv[1])},get url(){return require("node:url").pathToFileURL(this.bundle).href}};`;

const bundleOf = async (entry) => {
  const { outputFiles } = await esbuild.build({
    ...BUNDLED,
    entryPoints: [join(root, "src", entry)],
    outfile: join(dist, "netl.js"),
    keepNames: false,
    // Its import() becomes require(): lazily run, and no ES module loader at start.
    supported: { "dynamic-import": false },
    banner: { js: where },
    define: { "import.meta.url": "__netlWhere.url" },
    plugins: [lazyChildProcessForCommander, lexerTableWorkedOut, outside, nativeText],
    logLevel: "warning",
  });
  return outputFiles[0].text;
};
const code = await bundleOf("cli.ts");
const downCode = await bundleOf("down.ts");

const put = (name, content, mode = 0o644) => {
  const tmp = join(dist, `.${name}.${process.pid}`);
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, join(dist, name));
};

mkdirSync(dist, { recursive: true });
// What earlier builds made and this one does not.
for (const old of ["netl.cjs", "netl.cache", "netl.blob", "netl-down.cache"]) rmSync(join(dist, old), { force: true });
put("package.json", '{ "type": "commonjs" }\n');
put("netl.js", code);
put("snapshot.js", readFileSync(join(root, "scripts", "snapshot.cjs")));
// `netl down LAB` of a plain lab: the Perl helper alone, started by dist/netl (scripts/netl.sh).
put("netns-del.pl", readFileSync(join(root, "src", "runtime", "native", "netns-del.pl")));
for (const [name, file] of Object.entries(BESIDE)) put(file, await besideOf(name));
// `netl down LAB` of a lab the helper leaves to node starts from a bundle of its own and V8's code cache
// (src/down.ts): the first line of the bundle is its fingerprint, which heads the cache made for it.
const downFingerprint = createHash("sha256").update(downCode).digest("hex").slice(0, 32);
put("netl-down.cjs", `//${downFingerprint}\n${downCode}`);
put("netl-down.js", readFileSync(join(root, "scripts", "start-cached.cjs")));
downCache();
const fingerprint = createHash("sha256").update(code).digest("hex").slice(0, 16);
put("netl", readFileSync(join(root, "scripts", "netl.sh"), "utf8").replace("@FINGERPRINT@", fingerprint), 0o755);

/**
 * netl-down's cache, made by this node (another one's V8 refuses it, and the bundle is compiled as
 * usual): `netl down` of a lab of no namespaces under a run directory of its own, so that the cache
 * holds the teardown's code too, and nothing of the machine's is touched (without root it stops at the
 * root check).
 */
function downCache() {
  const standIn = mkdtempSync(join(tmpdir(), "netl-build-"));
  const record = { version: 2, lab: "cache", pid: process.pid, updated: new Date().toISOString(), namespaces: [] };
  writeFileSync(join(standIn, "cache.json"), JSON.stringify(record));
  try {
    spawnSync(process.execPath, [join(dist, "netl-down.js"), "down", "cache"], {
      env: { ...process.env, NETL_CODE_CACHE: "write", NETL_RUN_DIR: standIn },
      stdio: "ignore",
    });
  } finally {
    rmSync(standIn, { recursive: true, force: true });
  }
  if (!existsSync(join(dist, "netl-down.cache")))
    console.warn("build: no code cache for netl down; it starts without one (slower)");
}
