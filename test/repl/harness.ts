// Drive the REPL through injected streams against a fake kernel: type lines, wait for what it prints.
import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import pc from "picocolors";
import type { Program } from "../../grammar/ast.js";
import { Driver } from "../../src/driver/driver.js";
import type { Source } from "../../src/driver/source.js";
import type { Io } from "../../src/present/io.js";
import { type HangupSignal, runRepl } from "../../src/repl/run.js";
import type { Executor } from "../../src/runtime/executor.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-repl-");

export interface HarnessOptions {
  readonly terminal?: boolean;
  readonly executor?: Executor;
  readonly lab?: string;
  readonly keep?: boolean;
  readonly historyFile?: string;
  readonly file?: { readonly source: Source; readonly program: Program };
}

export interface Harness {
  readonly driver: Driver;
  readonly executor: Executor;
  readonly runDir: string;
  /** Everything printed so far (stdout and stderr go to the same stream here). */
  readonly screen: () => string;
  /** Raw bytes to the input (`\x03` is Ctrl-C and `\x04` Ctrl-D on a terminal). */
  readonly send: (text: string) => void;
  /** One key at a terminal (`terminal: true`); resolves once the REPL has read it and done what it does. */
  readonly press: (key: string) => Promise<void>;
  /** Lines, each with its Enter. */
  readonly type: (...lines: string[]) => void;
  /** End of input (a pipe closing). */
  readonly end: () => void;
  /** A SIGINT from outside (the terminal not in raw mode, or kill -INT). */
  readonly sigint: () => void;
  /** The terminal went away (SIGHUP), a polite kill (SIGTERM), or the output's reader (SIGPIPE). */
  readonly hangup: (signal?: HangupSignal) => void;
  /** Resolves once `expected` has been printed (in what came after `from`); rejects after `ms`. */
  readonly waitFor: (expected: string | RegExp, options?: { from?: number; ms?: number }) => Promise<void>;
  /** The exit status, once the REPL has ended. */
  readonly exit: Promise<number>;
}

export function tempDir(): string {
  return temp();
}

export function startRepl(options: HarnessOptions = {}): Harness {
  const dir = tempDir();
  const runDir = join(dir, "run");
  const netnsDir = join(dir, "netns");
  mkdirSync(runDir);
  mkdirSync(netnsDir);
  const executor = options.executor ?? new RecordingExecutor();
  const lab = options.lab ?? "lab";
  const opened = Driver.open({ lab, executor, runDir, netnsDir });
  if (!opened.ok) throw new Error(opened.error.message);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const io: Io = {
    out: (t) => output.write(`${t}\n`),
    err: (t) => output.write(`${t}\n`),
    c: pc.createColors(false),
  };
  const signals = new EventEmitter();
  const exit = runRepl({
    driver: opened.value,
    lab,
    keep: options.keep ?? false,
    io,
    input,
    output,
    terminal: options.terminal ?? false,
    ...(options.historyFile !== undefined ? { historyFile: options.historyFile } : {}),
    ...(options.file ? { file: options.file } : {}),
    onSignal: (listener) => {
      signals.on("SIGINT", listener);
      return () => signals.off("SIGINT", listener);
    },
    onHangup: (listener) => {
      signals.on("hangup", listener);
      return () => signals.off("hangup", listener);
    },
  });
  const matches = (expected: string | RegExp, from: number) => {
    const seen = text.slice(from);
    return typeof expected === "string" ? seen.includes(expected) : expected.test(seen);
  };
  return {
    driver: opened.value,
    executor,
    runDir,
    screen: () => text,
    send: (t) => input.write(t),
    press: (key) =>
      new Promise((resolve) => {
        // Listeners run in the order they came: readline's own, added when the REPL started, runs first.
        const read = (_: unknown, k: { readonly sequence?: string } | undefined) => {
          if (k?.sequence !== key) return;
          input.off("keypress", read);
          resolve();
        };
        input.on("keypress", read);
        input.write(key);
      }),
    type: (...lines) => {
      for (const l of lines) input.write(`${l}\n`);
    },
    end: () => input.end(),
    sigint: () => signals.emit("SIGINT"),
    hangup: (signal = "SIGHUP") => signals.emit("hangup", signal),
    waitFor: (expected, { from = 0, ms = 3000 } = {}) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!matches(expected, from)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`waited ${ms} ms for ${String(expected)}; the screen:\n${text}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          output.off("data", check);
        };
        // After the harness's own listener: the screen already holds the chunk when this looks.
        output.on("data", check);
        check();
      }),
    exit,
  };
}

/** Piped input: the whole text at once, then EOF; resolves with the exit status and the output. */
export async function pipe(input: string, options: HarnessOptions = {}): Promise<{ code: number; out: string }> {
  const h = startRepl({ ...options, terminal: false });
  h.send(input);
  h.end();
  const code = await h.exit;
  return { code, out: h.screen() };
}

/**
 * Where a fake kernel's command stops until the test lets it through: `reached` resolves when the first
 * command gets there, so a test acts while that command is in flight, not after a guessed delay.
 */
export class Gate {
  #arrived: () => void = () => {};
  #open: () => void = () => {};
  readonly reached = new Promise<void>((resolve) => {
    this.#arrived = resolve;
  });
  readonly opened = new Promise<void>((resolve) => {
    this.#open = resolve;
  });

  /** A command got here; it goes on once the gate is open. */
  pass(): Promise<void> {
    this.#arrived();
    return this.opened;
  }

  open(): void {
    this.#open();
  }
}

/** A fake kernel whose every command waits at one gate (`ns A B` is in flight until the test opens it). */
export class GatedExecutor implements Executor {
  readonly inner = new RecordingExecutor();
  readonly gate = new Gate();

  async run(argv: readonly string[], options?: Parameters<Executor["run"]>[1]) {
    await this.gate.pass();
    return this.inner.run(argv, options);
  }
}
