// The terminal lent to a program netl runs on it (`exec` streaming, `shell`): the line reader stops
// reading and raw mode is off while the program runs, and both come back after. Whether it is lent now
// tells a Ctrl-C that is the program's from one that is netl's. The REPL and the tutorial share it.
// When netl must leave (the terminal closed, a kill) while it is lent, the program is told to stop.

/** A terminal's input: raw mode is switched around a program that reads it. */
interface RawMode {
  isRaw?: boolean;
  setRawMode?: (raw: boolean) => void;
}

export interface LineReader {
  pause(): void;
  resume(): void;
}

export class TerminalLender {
  #lent = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly reader: LineReader,
    /** Whether the reader has ended meanwhile (then it is not resumed). */
    private readonly ended: () => boolean,
    /** Aborted when netl must leave: the program on the terminal is stopped, not waited for. */
    private readonly leave?: AbortSignal,
  ) {}

  get lent(): boolean {
    return this.#lent;
  }

  async handOver<T>(run: (stop?: AbortSignal) => Promise<T>): Promise<T> {
    const input = this.input as NodeJS.ReadableStream & RawMode;
    const raw = input.isRaw === true;
    this.#lent = true;
    this.reader.pause();
    if (raw) input.setRawMode?.(false);
    try {
      return await run(this.leave);
    } finally {
      // A terminal closed meanwhile (SIGHUP) takes no mode: EIO, and netl is leaving anyway.
      if (raw) tryRawMode(input);
      this.#lent = false;
      if (!this.ended()) this.reader.resume();
    }
  }
}

/** Raw mode back on, unless the terminal is gone. */
function tryRawMode(input: RawMode): void {
  try {
    input.setRawMode?.(true);
  } catch {}
}
