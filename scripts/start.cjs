#!/usr/bin/env node
// netl's start, copied by scripts/build.mjs to dist/netl.js (the CLI) and dist/netl-down.js (`netl down
// LAB`). NAME.js runs the bundle NAME.cjs beside it, compiled with V8's code cache NAME.cache when that
// cache was made for this very bundle (the fingerprint on the bundle's first line heads the cache), so a
// start does not compile again what the build's run compiled; start-up time is a benchmark target and
// part of every `netl down`. Without a usable cache (another Node, a newer bundle) it compiles as
// usual. NETL_CODE_CACHE=write (the build) saves one.
"use strict";
const { readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { basename, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

const name = basename(__filename, ".js");
const bundle = join(__dirname, `${name}.cjs`);
const cacheFile = join(__dirname, `${name}.cache`);
const source = readFileSync(bundle, "utf8");
const header = `${source.slice(0, source.indexOf("\n"))}\n`;

/**
 * The cached data, when the cache file starts with this bundle's fingerprint line and is not older than
 * the bundle. V8 checks only the source's length: a cache taken for other code would run that code.
 */
function cachedData() {
  try {
    // The build writes the cache after the bundle; a bundle changed since (by hand) goes without it.
    // A second's leeway: a copy of dist/ that does not keep times may write the two in either order.
    if (statSync(cacheFile).mtimeMs + 1000 < statSync(bundle).mtimeMs) return undefined;
    const cache = readFileSync(cacheFile);
    return cache.toString("latin1", 0, header.length) === header ? cache.subarray(header.length) : undefined;
  } catch {
    return undefined;
  }
}

// A CommonJS module's wrapper, plus the URL that stands for import.meta.url in the bundle.
const script = new Script(`(function (exports, require, module, __filename, __dirname, __netlUrl) {${source}\n})`, {
  filename: bundle,
  cachedData: process.env.NETL_CODE_CACHE === "write" ? undefined : cachedData(),
});
if (process.env.NETL_CODE_CACHE === "write")
  process.on("exit", () => {
    // After the run, so the functions it compiled are in the cache too; renamed into place whole.
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(header, "latin1"), script.createCachedData()]));
    renameSync(tmp, cacheFile);
  });
const bundled = { exports: {} };
const url = pathToFileURL(bundle).href;
script
  .runInThisContext()
  .call(bundled.exports, bundled.exports, createRequire(bundle), bundled, bundle, __dirname, url);
