// The sub-commands that read a script and change nothing (no root): `check`, `plan`, `graph`, `export`.
import { Option } from "commander";
import type { Cli } from "./context.js";
import type { ExportOptions } from "./export.js";
import { EXPORT_FORMATS, GRAPH_FORMATS, type GraphFormat } from "./formats.js";
import { prefixOption } from "./options.js";

const FORCE_HELP =
  "with -o: write into another user's folder or over their file, or replace a symbolic link (never written through)";

export function fileCommands({ program, io, done }: Cli): void {
  program
    .command("check")
    .description("parse and check FILEs against the language (no root, changes nothing)")
    .argument("<FILE...>")
    .option("--json", "print the diagnostics as one JSON array (file, line, column, end, severity, message, hint)")
    .action(async (files: string[], opts: { json?: boolean }) => {
      const { checkCommand } = await import("./static.js");
      done(checkCommand(files, io, opts));
    });
  program
    .command("plan")
    .description("print the ip commands FILE would run (no root, changes nothing)")
    .argument("<FILE>")
    .addOption(prefixOption("namespace name prefix, as netl run --prefix P would use"))
    .action(async (file: string, opts: { prefix?: string }) => {
      const { planCommand } = await import("./static.js");
      done(planCommand(file, opts, io));
    });
  program
    .command("graph")
    .description("draw the lab FILE builds: text, or -o lab.svg / --format dot|mermaid|svg (no root)")
    .argument("<FILE>")
    .option("-o, --output <OUT>", "write it to OUT; the format follows its extension (.svg, .dot, .gv, .mmd, .txt)")
    .addOption(new Option("--format <F>", "text, dot, mermaid or svg").choices(GRAPH_FORMATS))
    .option("--force", FORCE_HELP)
    .action(async (file: string, opts: { output?: string; format?: GraphFormat; force?: boolean }) => {
      const { graphCommand } = await import("./graph.js");
      done(await graphCommand(file, opts, io));
    });
  program
    .command("export")
    .description(
      "write FILE's lab as a bash script (bash lab.sh up | down | check) or a containerlab topology (no root)",
    )
    .argument("<FILE>")
    .addOption(
      new Option(
        "--format <F>",
        "sh: a bash script of ip, tc and nft commands; containerlab: a topology for containerlab deploy",
      )
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .option("-o, --output <OUT>", "write it to OUT instead of standard output")
    .option("--force", FORCE_HELP)
    .addOption(prefixOption("sh: namespace name prefix"))
    .option("--image <IMG>", "containerlab: the nodes' container image (default: ghcr.io/srl-labs/network-multitool)")
    .action(async (file: string, opts: ExportOptions) => {
      const { exportCommand } = await import("./export.js");
      done(exportCommand(file, opts, io));
    });
}
