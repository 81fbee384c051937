// netl's start-up snapshot (docs/ARCHITECTURE.md, "Start-up"). dist/netl.js, the bundle, is its own
// snapshot entry: under `node --build-snapshot` (dist/snapshot.js, made for the node that will use it)
// src/cli.ts calls `prepareSnapshot`, which checks and plans an example through the command line, so the
// lexer and parser (built on first use), what `check` and `plan` load, and the command line's functions,
// compiled, are in the heap, with the modules `run` loads (`preload`); the program runs when node starts from the snapshot. Nothing here keeps what only the start knows (arguments, environment, terminal, where dist/
// is): main.ts reads those when it runs.
import { Console } from "node:console";
import { Socket } from "node:net";
import { startupSnapshot } from "node:v8";
import pc from "picocolors";
import type { Io } from "./cli/io.js";
import type { CommandLine } from "./cli/main.js";

export const buildingSnapshot = (): boolean => startupSnapshot.isBuildingSnapshot();

/**
 * Under --build-snapshot: warm the heap with `files` (an example), checked and planned by `main` as a
 * user's command is but quietly (what it runs is then compiled in the snapshot, not at every start), load
 * what `preload` imports (loaded only, nothing run), and leave `start` for the start.
 */
export function prepareSnapshot(
  files: readonly string[],
  start: (made: CommandLine) => void,
  main: (argv: readonly string[], io: Io) => Promise<number>,
  commandLine: () => CommandLine,
  preload: () => Promise<unknown>,
): void {
  // Node 20 leaves console.Console undefined in a heap deserialised from a user-land snapshot; node:repl,
  // loaded when netl's REPL starts, constructs one. Kept now (node:console is that very object then).
  const kept = Console;
  // The command line the start parses, made now: only what the start is told (its arguments, its Io).
  const made = commandLine();
  // A start writes to a pipe or a terminal through a net.Socket (a tty.WriteStream is one): one made
  // and ended now, with no file descriptor, has its code compiled in the heap.
  new Socket({ readable: false, writable: true }).destroy();
  startupSnapshot.setDeserializeMainFunction(() => {
    if (console.Console === undefined) console.Console = kept;
    start(made);
  });
  // Node runs the event loop to its end before it takes the snapshot: what this loads is in it.
  const quiet: Io = { out: () => {}, err: () => {}, c: pc.createColors(false) };
  void (async () => {
    await main(["check", ...files], quiet);
    for (const file of files) await main(["plan", file], quiet);
    await preload();
  })();
}
