// `netl down LAB`, exactly that form, in a bundle of its own (dist/netl-down.cjs, started from V8's
// code cache by dist/netl-down.js): a teardown is a benchmark target (Node's start + 1.5× the hand
// script's), and starting the whole CLI, even from its snapshot, was most of what netl added to Node's
// start (docs/BENCHMARKS.md). The bin (scripts/netl.sh) sends every other form (`down --help`,
// `--rootless`, a missing or extra argument) to the full CLI, so what the user sees is the same.
import { downCommand } from "./cli/admin.js";
import { processIo } from "./cli/io.js";
import { runProgram } from "./cli/process-run.js";

runProgram(() => downCommand(process.argv[3] ?? "", processIo()));
