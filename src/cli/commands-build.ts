// The sub-commands that build a lab in the kernel: `run`, `test`, `tutorial` (the REPL is the program's
// own action, main.ts).
import type { Cli } from "./context.js";
import { labOptions, prefixOption, rootlessOption } from "./options.js";
import { serveOptions } from "./serve-options.js";
import type { TutorialOptions } from "./tutorial.js";

export function buildCommands({ program, io, done, live }: Cli): void {
  serveOptions(
    labOptions(program.command("run").description("build a lab from FILE and leave it up (- reads standard input)")),
  )
    .argument("<FILE>")
    .option("--down", "tear the lab down when the script ends")
    .option("--json", "print one JSON object per line (each statement's outcome, then the result) instead of text")
    .addHelpText("after", "\nAfterwards: netl attach LAB (the REPL on it), netl exec LAB NODE -- CMD, netl down LAB.\n")
    .action((file: string, opts) =>
      live("run", opts, async () => {
        const { runCommand } = await import("./live.js");
        return runCommand(file, opts, io);
      }),
    );
  labOptions(program.command("test").description("build each lab, check every expect, always tear down"))
    .argument("<FILE...>")
    .option("--json", "print one JSON object per line (outcomes, a result per file, a summary) instead of text")
    .action((files: string[], opts) =>
      live("test", opts, async () => {
        const { testCommand } = await import("./live.js");
        return testCommand(files, opts, io);
      }),
    );
  serveOptions(rootlessOption(program.command("tutorial")))
    .description("learn Linux networking lesson by lesson, on a live lab (--list: the lessons)")
    .argument("[N]", "the lesson to start at (default: the first not done)")
    .option("--list", "list the lessons and which are done")
    .option("--lang <L>", "en or zh (default: from LC_ALL, LC_MESSAGES or LANG)")
    .addOption(prefixOption("name namespaces P-NODE (beside another learner: the lab is then P-tutorial)"))
    .option("--lab <NAME>", "the lessons' lab (default: tutorial); given alone, it names the namespaces too")
    .action(async (n: string | undefined, opts: TutorialOptions & { rootless?: boolean }) => {
      const tutorial = async () => {
        const { tutorialCommand } = await import("./tutorial.js");
        return tutorialCommand(n, opts, io);
      };
      // The list of lessons needs no lab.
      if (opts.list) done(await tutorial());
      else await live("tutorial", opts, tutorial);
    });
}
