// V8 hands a function to its optimizing compiler once the function has run a while (its interrupt
// budget). Reading and checking a script of a few hundred statements runs many functions just long
// enough for that: the compiling, on a second thread, costs more CPU than the optimized code saves
// before the script is checked (docs/BENCHMARKS.md, "Wave 5: the front end"). A larger budget leaves
// those to the baseline tiers and still optimizes what a script of tens of thousands of statements runs.
import { setFlagsFromString, startupSnapshot } from "node:v8";

/** 16 × V8's own default (Node 20): a function's code is optimized after that much more running. */
const INTERRUPT_BUDGET = 16 * 67584;

/** From now on in this process (a netl command, or the REPL it starts), optimize later than V8's default. */
export function optimizeLater(): void {
  // Not while netl's start-up snapshot is made (its warm-up checks a script): a snapshot made under
  // other flags than node starts with is refused at every start.
  if (startupSnapshot.isBuildingSnapshot()) return;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
