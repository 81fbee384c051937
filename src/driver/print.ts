// An outcome in words on the driver's Io: a change's summary in colour, answers as present/ words
// them, a block's steps in order; and how many expects an outcome passed and failed.
import type { World } from "../interpreter/world.js";
import { graphText } from "../present/graph.js";
import { helpText } from "../present/help.js";
import type { Io } from "../present/io.js";
import type { Outcome } from "../present/outcome.js";
import { pingallLines } from "../present/pingall.js";
import { showNode, showWorld } from "../present/show.js";
import { whyLines } from "../present/why.js";
import { say } from "../words/catalogue.js";
import { OUTCOME } from "../words/outcome.js";
import { reword } from "../words/phrases.js";

/** `world`: the lab as it is now (what `show` and `graph` draw). */
export function printOutcome(outcome: Outcome, stmtText: string, world: World, io: Io): void {
  const { c } = io;
  switch (outcome.kind) {
    case "change":
      for (const line of outcome.summary) io.out(line.startsWith("-") ? c.red(line) : c.green(reword(line, io.lang)));
      return;
    case "ping": {
      const text = outcome.words ? say(io.lang, outcome.words) : outcome.text;
      io.out(outcome.ok ? text : c.yellow(text));
      return;
    }
    case "expect": {
      const text = outcome.words ? say(io.lang, outcome.words) : outcome.text;
      const mark = outcome.passed ? c.green("✓") : c.red("✗");
      io.out(say(io.lang, OUTCOME.expected({ mark, statement: stmtText, found: text })));
      return;
    }
    case "exec":
      if (outcome.output !== "") io.out(outcome.output.replace(/\n$/, ""));
      if (outcome.exitCode !== 0) {
        const what = stmtText.split(/\s+/).slice(0, 2).join(" ");
        io.out(c.yellow(say(io.lang, OUTCOME.exitStatus({ what, code: outcome.exitCode }))));
      }
      return;
    case "terminal":
      // Ended by Ctrl-C (130): the command is the one that stopped, as with a captured exec.
      if (outcome.what === "exec" && outcome.exitCode === 130) io.out(c.dim(say(io.lang, OUTCOME.interruptedExec())));
      else if (outcome.what === "exec" && outcome.exitCode !== 0)
        io.out(c.yellow(say(io.lang, OUTCOME.exitStatus({ what: `exec ${outcome.node}`, code: outcome.exitCode }))));
      return;
    case "show":
      io.out(
        outcome.node === undefined
          ? reword(showWorld(world), io.lang)
          : reword(showNode(world, outcome.node, outcome.kernel ?? ""), io.lang),
      );
      return;
    case "text":
      if (outcome.text !== "") io.out(reword(outcome.text, io.lang));
      return;
    case "help":
      io.out(helpText(outcome.topic, io.lang));
      return;
    case "graph":
      io.out(graphText(world));
      return;
    case "pingall":
      for (const line of pingallLines(outcome)) io.out(reword(line, io.lang));
      return;
    case "why":
      for (const line of whyLines(outcome.cause)) io.out(reword(line, io.lang));
      return;
    case "load":
      for (const inner of outcome.steps) printOutcome(inner.outcome, inner.text, world, io);
      return;
  }
}

/** Expects passed and failed in an outcome (a `load` may hold several). */
export function expectCounts(outcome: Outcome): { passed: number; failed: number } {
  if (outcome.kind === "expect") return { passed: outcome.passed ? 1 : 0, failed: outcome.passed ? 0 : 1 };
  if (outcome.kind !== "load") return { passed: 0, failed: 0 };
  return outcome.steps
    .map((s) => expectCounts(s.outcome))
    .reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed }), {
      passed: 0,
      failed: 0,
    });
}
