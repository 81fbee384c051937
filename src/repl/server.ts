// node:repl set up for netl: a custom eval that hands each entry to netl (more lines are asked for
// while it is incomplete), no JS results or previews, a prompt only on a terminal, and Ctrl-C ours.

import { createRequire } from "node:module";
import type { REPLServer, ReplOptions } from "node:repl";
import { TerminalLender } from "../runtime/terminal-lend.js";

/**
 * node:repl, loaded when a REPL starts: imported at the top, every command would load it (and acorn,
 * readline, vm and domain with it), a share of each start-up of `netl check` or `netl down` that they
 * never use (figure in docs/BENCHMARKS.md).
 */
const nodeRepl = (): typeof import("node:repl") => createRequire(import.meta.url)("node:repl");

export interface ServerOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly terminal: boolean;
  readonly prompt: string;
  /** An entry: `incomplete` asks for another line; a promise resolves once the entry has run. */
  readonly evaluate: (text: string) => "incomplete" | Promise<void>;
  readonly complete: (line: string) => [string[], string];
  /** Ctrl-C at the prompt (node:repl's own handler, which leaves on the second one, is removed). */
  readonly onInterrupt: () => void;
  /** Aborted when netl must leave (the terminal closed, a kill): a program lent the terminal is ended. */
  readonly leave?: AbortSignal;
}

/** The REPL plus what netl needs to know of its state. */
export interface Server {
  readonly repl: REPLServer;
  readonly closed: () => boolean;
  /** True when nothing is typed on the line and no multi-line entry is open. */
  readonly blank: () => boolean;
  /** Forget the typed line and any open multi-line entry (as node:repl's Ctrl-C does). */
  readonly clearInput: () => void;
  readonly showPrompt: () => void;
  /**
   * Lend the terminal to a program while `run` runs: the REPL stops reading, the terminal leaves raw
   * mode (so the program reads lines, and Ctrl-C is a signal that reaches it), and both come back after.
   */
  readonly handOver: <T>(run: (stop?: AbortSignal) => Promise<T>) => Promise<T>;
  /** Whether the terminal is lent now (a SIGINT then is the program's, not the REPL's). */
  readonly lent: () => boolean;
}

/** readline's own clearLine (moves to a fresh line); not in @types/node. */
interface ClearLine {
  clearLine?: () => void;
}

export function createServer(options: ServerOptions): Server {
  let closed = false;
  let continuing = false;
  /** Entries handed over and not yet run. */
  let running = 0;
  // historySize reaches readline at run time; @types/node does not list it.
  const repl = nodeRepl();
  const settings: ReplOptions & { readonly historySize: number } = {
    input: options.input,
    output: options.output,
    terminal: options.terminal,
    prompt: options.terminal ? options.prompt : "",
    useColors: false,
    preview: false,
    ignoreUndefined: true,
    historySize: 1000,
    writer: (value: unknown) => (value === undefined ? "" : String(value)),
    completer: (line: string) => options.complete(line),
    eval: (text, _context, _file, callback) => {
      const result = options.evaluate(text);
      continuing = result === "incomplete";
      if (result === "incomplete") {
        callback(new repl.Recoverable(new SyntaxError("more input needed")), undefined);
        return;
      }
      // Done with the text at once, so node:repl clears its buffer before the next line arrives;
      // the prompt comes back when the entry has run (displayPrompt waits for that).
      running++;
      callback(null, undefined);
      void result.then(() => {
        running--;
        if (running === 0) server.displayPrompt();
      });
    },
  };
  const server = repl.start(settings);
  const lender = new TerminalLender(options.input, server, () => closed, options.leave);
  server.on("exit", () => {
    closed = true;
  });
  // The terminal went away (EIO on a tty, EPIPE): end the input like Ctrl-D, so the lab is still removed.
  server.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EIO" && e.code !== "EPIPE" && e.code !== "ENOTTY") throw e;
    if (!closed) server.close();
  });
  // JavaScript's dot-commands (.editor, .load, .save …) mean nothing here; `.exit` may stay.
  for (const name of Object.keys(server.commands)) {
    if (name !== "exit") delete (server.commands as Record<string, unknown>)[name];
  }
  server.removeAllListeners("SIGINT");
  server.on("SIGINT", options.onInterrupt);

  const continuation = `${" ".repeat(Math.max(0, options.prompt.length - 4))}... `;
  // No prompt at all without a terminal (piped input reads as a plain log); an aligned one for more lines.
  server.displayPrompt = (preserveCursor?: boolean) => {
    if (closed || running > 0 || !options.terminal) return;
    server.setPrompt(continuing ? continuation : options.prompt);
    server.prompt(preserveCursor);
  };
  return {
    repl: server,
    closed: () => closed,
    blank: () => server.line === "" && !continuing,
    clearInput: () => {
      (server as ClearLine).clearLine?.();
      server.clearBufferedCommand();
      continuing = false;
    },
    showPrompt: () => server.displayPrompt(),
    handOver: (run) => lender.handOver(run),
    lent: () => lender.lent,
  };
}
