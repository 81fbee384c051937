// What every group of sub-commands (commands-*.ts) is wired with: the program, the process's words,
// where a command's exit status goes, and how a command that builds a lab runs (here or rootless).
import type { Command } from "commander";
import type { ServeFlags } from "../serve/at.js";
import type { Io } from "./io.js";

export interface Cli {
  readonly program: Command;
  readonly io: Io;
  /** The command's exit status. */
  readonly done: (status: number) => void;
  /**
   * A command that builds a lab runs here, or (rootless: a plain user, or --rootless) again inside a
   * sandbox; its status either way. `command` is the sub-command, "" for the REPL.
   */
  readonly live: (
    command: string,
    opts: { rootless?: boolean } & ServeFlags,
    run: () => Promise<number>,
  ) => Promise<void>;
}
