// Starts `netl down LAB`'s bundle: copied by scripts/build.mjs to dist/netl-down.js, it runs
// dist/netl-down.cjs compiled with V8's code cache dist/netl-down.cache when that cache was made for
// this very bundle (the fingerprint on the bundle's first line heads the cache), so a teardown does not
// compile again what the build's run compiled. Without a usable cache (another Node, a bundle changed
// since) it compiles as usual. NETL_CODE_CACHE=write (the build) saves one after the run.
"use strict";
const { readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "netl-down.cjs");
const cacheFile = join(__dirname, "netl-down.cache");
const source = readFileSync(bundle, "utf8");
const header = `${source.slice(0, source.indexOf("\n"))}\n`;
const writing = process.env.NETL_CODE_CACHE === "write";

/**
 * The cached data, when the cache file starts with this bundle's fingerprint line and is not older than
 * the bundle. V8 checks only the source's length: a cache taken for other code would run that code.
 */
function cachedData() {
  try {
    // A second's leeway: a copy of dist/ that does not keep times may write the two in either order.
    if (statSync(cacheFile).mtimeMs + 1000 < statSync(bundle).mtimeMs) return undefined;
    const cache = readFileSync(cacheFile);
    return cache.toString("latin1", 0, header.length) === header ? cache.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

// A CommonJS module's wrapper, as node would give the bundle.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData: writing ? undefined : cachedData(),
});
if (writing)
  process.on("exit", () => {
    // After the run, so the functions it compiled are in the cache too; renamed into place whole.
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(header, "latin1"), script.createCachedData()]));
    renameSync(tmp, cacheFile);
  });
const bundled = { exports: {} };
script.runInThisContext().call(bundled.exports, bundled.exports, createRequire(bundle), bundled, bundle, __dirname);
