#!/usr/bin/env node
// netl's entry, bundled by scripts/build.mjs to dist/netl.cjs (run by dist/netl.js): the command line
// of src/cli/main.ts, started at once. src/snapshot.ts is the same program for the start-up snapshot.
import { start } from "./cli/main.js";

start(process.argv.slice(2));
