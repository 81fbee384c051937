// The entry of netl's start-up snapshot: scripts/build.mjs puts the bundle of src/snapshot.ts where the
// marker line is and runs `node --snapshot-blob dist/netl.blob --build-snapshot` on it with an example
// (two-hosts.netl) as argument. dist/netl (scripts/netl.sh) starts node from the blob; then the function
// given to setDeserializeMainFunction runs, in a heap where the bundle is loaded and the grammar built.
"use strict";
const { dirname, join, resolve } = require("node:path");
const { pathToFileURL } = require("node:url");
const { startupSnapshot } = require("node:v8");

// Node 20 leaves console.Console undefined in a heap deserialised from a user-land snapshot (all else on
// console is there); node:repl, loaded when netl's REPL starts, constructs one. Kept from the build.
const { Console } = require("node:console");

// The bundle's `require`: while the snapshot is made, that of this entry (built-in modules only); from
// the start on, one for dist/netl.cjs, so the packages left out of the bundle (yaml, @viz-js/viz) load
// from node_modules as they do under dist/netl.js.
let load = require;
// import.meta.url in the bundle (as dist/netl.js hands it): dist/netl.cjs's URL, found at start from
// where the blob is, since dist/ may have moved since the build.
let __netlUrl;

const bundled = { exports: {} };
// biome-ignore lint/correctness/noUnusedFunctionParameters: the bundle, put in place of the marker, uses them
((exports, require, module) => {
  // @bundle
})(bundled.exports, (id) => load(id), bundled);

bundled.exports.warm(process.argv.slice(2));

/** The blob this node started from: `--snapshot-blob FILE` or `--snapshot-blob=FILE` in execArgv. */
function blobPath(execArgv) {
  for (let i = 0; i < execArgv.length; i++) {
    if (execArgv[i] === "--snapshot-blob") return execArgv[i + 1];
    if (execArgv[i].startsWith("--snapshot-blob=")) return execArgv[i].slice("--snapshot-blob=".length);
  }
  throw new Error("netl: started from a snapshot, but no --snapshot-blob among node's options");
}

startupSnapshot.setDeserializeMainFunction(() => {
  if (console.Console === undefined) console.Console = Console;
  const bundle = join(dirname(resolve(blobPath(process.execArgv))), "netl.cjs");
  // Loaded now: node:module is not one of the modules node vouches for while a snapshot is made.
  load = require("node:module").createRequire(bundle);
  __netlUrl = pathToFileURL(bundle).href;
  // From a snapshot there is no script: argv[1] is the first of the user's arguments (dist/netl puts `--`
  // before them, which node drops). With `--` where the script would be, argv has the shape it has under
  // dist/netl.js, and the rootless sandbox's [execPath, ...execArgv, ...argv.slice(1)] starts this again.
  process.argv.splice(1, 0, "--");
  bundled.exports.start(process.argv.slice(2));
});
