// `netl down LAB`, exactly that form, in a bundle of its own (dist/netl-down.cjs, started by
// dist/netl-down.js): a teardown is a benchmark target (Node's start-up + 1.5× the hand-written
// script's), and compiling the whole CLI, even from V8's code cache, was most of what netl added to
// Node's start. The launcher (scripts/netl.sh) sends every other form (`down --help`, `--rootless`,
// a missing or extra argument) to the full CLI, so what the user sees is the same either way.
import { downCommand } from "./cli/admin.js";
import { directIo } from "./cli/direct-io.js";
import { runToExit } from "./cli/process-run.js";

// Its words go out with write(2), not through stream objects, and it exits when done: ~2 ms less.
runToExit(() => downCommand(process.argv[3] ?? "", directIo()));
