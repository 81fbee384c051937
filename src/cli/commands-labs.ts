// The sub-commands about labs that are up (they read the lab's record under /run/netl): `ls`, `show`,
// `attach`, `exec`, `shell`, `down`, `clean`. `ls`, `down` and `clean` never load the grammar.
import type { Command } from "commander";
import type { ServeFlags } from "../serve/at.js";
import type { Cli } from "./context.js";
import { usageError } from "./options.js";
import { serveOptions } from "./serve-options.js";

const rootlessFlag = (cmd: Command): Command =>
  cmd.option("--rootless", "as a plain user's netl does: say what this means for rootless labs");

export function labCommands({ program, io, done }: Cli): void {
  rootlessFlag(program.command("ls"))
    .description("the labs that are up: nodes, links with addresses, and whether their netl runs")
    .option("--json", "print the labs as one JSON array")
    .action(async (opts: { json?: boolean; rootless?: boolean }) => {
      const { lsCommand } = await import("./ls.js");
      done(lsCommand(io, opts));
    });
  program
    .command("show")
    .description("a lab that is up as the REPL's show prints it; with NODE, that node as the kernel sees it")
    .argument("<LAB>")
    .argument("[NODE]")
    .action(async (lab: string, node: string | undefined) => {
      const { showCommand } = await import("./attach.js");
      done(await showCommand(lab, node, io));
    });
  serveOptions(program.command("attach"))
    .description("the REPL on a lab that is up and whose netl has ended; the lab stays up when you leave")
    .argument("<LAB>")
    .option("--down", "remove the lab when the REPL ends")
    .option("--explain", "print each ip command as it runs")
    .addHelpText(
      "after",
      "\nshow, graph, ping, changes and undo of what is done here; exit (or Ctrl-D) leaves the lab up, reset empties it.\n",
    )
    .action(async (lab: string, opts: { down?: boolean; explain?: boolean } & ServeFlags) => {
      const { attachCommand } = await import("./attach.js");
      done(await attachCommand(lab, opts, io));
    });
  program
    .command("exec")
    .description("run CMD in NODE's namespace of a lab that is up; its output and exit status pass through")
    .usage("LAB NODE [--] CMD…")
    .argument("<LAB>")
    .argument("<NODE>")
    .argument("<CMD...>")
    // Everything after LAB is the command's, its options included.
    .passThroughOptions()
    .addHelpText(
      "after",
      "\nEvery word after NODE is the command's, options included (-- may come first); no shell runs it: sh -c '…' for one.\ne.g. netl exec two-hosts A -- ping -c 2 10.0.0.2\n",
    )
    .action(async (lab: string, node: string, words: string[], _opts: unknown, cmd: Command) => {
      const argv = words[0] === "--" ? words.slice(1) : words;
      if (argv.length === 0) usageError(cmd, "netl exec LAB NODE -- CMD…: CMD is missing");
      const { execCommand } = await import("./node-commands.js");
      done(await execCommand(lab, node, argv, io));
    });
  program
    .command("shell")
    .description("a shell ($SHELL, else sh) in NODE's namespace on this terminal; exit leaves it")
    .argument("<LAB>")
    .argument("<NODE>")
    .addHelpText(
      "after",
      "\nIts prompt starts (NODE) after your own start-up files; NETL_LAB and NETL_NODE are set. In the REPL: shell NODE.\n",
    )
    .action(async (lab: string, node: string) => {
      const { shellCommand } = await import("./node-commands.js");
      done(await shellCommand(lab, node, io));
    });
  serveOptions(
    program
      .command("serve")
      .description("serve the live page of a lab that another netl holds, following its changes (read-only)")
      .argument("<LAB>"),
    false,
  ).action(async (lab: string, opts: ServeFlags) => {
    const { serveCommand } = await import("./serve.js");
    done(await serveCommand(lab, opts, io));
  });
  program
    .command("lsp")
    .description("a language server for editors (LSP over standard input and output)")
    .action(async () => {
      const { lspCommand } = await import("../lsp/server.js");
      done(await lspCommand());
    });
  rootlessFlag(program.command("down"))
    .description("remove a lab left up, everything its record lists")
    .argument("<LAB>")
    .action(async (lab: string, opts: { rootless?: boolean }) => {
      const { downCommand } = await import("./admin.js");
      done(await downCommand(lab, io, opts.rootless === true));
    });
  rootlessFlag(program.command("clean"))
    .description("remove every lab whose netl is gone, exactly what each record lists")
    .action(async (opts: { rootless?: boolean }) => {
      const { cleanCommand } = await import("./admin.js");
      done(await cleanCommand(io, opts.rootless === true));
    });
}
