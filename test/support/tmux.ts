// A person at a real terminal: a tmux server on a private socket, one window, keys typed into it and
// its screen read back. Every wait polls the screen (or the kernel) for a condition, bounded.
import { execFileSync } from "node:child_process";

export const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Terminal {
  constructor(private readonly socket: string) {}

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Start `command` (a shell line) in a new window of `width` × 50. */
  start(command: string, width = 160): void {
    this.tmux("new-session", "-d", "-s", "t", "-x", String(width), "-y", "50", command);
  }

  screen(): string {
    return this.tmux("capture-pane", "-p", "-t", "t", "-S", "-200");
  }

  /** The screen's last non-blank line. */
  lastLine(): string {
    return (
      this.screen()
        .split("\n")
        .filter((l) => l.trim() !== "")
        .pop() ?? ""
    );
  }

  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "t", ...keys);
  }

  /** Typed text, sent literally (no key names), then Enter when asked. */
  type(text: string, enter = true): void {
    this.tmux("send-keys", "-t", "t", "-l", text);
    if (enter) this.keys("Enter");
  }

  /** Polls `read` until `check` holds of what it read; tmux and the kernel tell no one when they change. */
  async until<T>(read: () => T, check: (value: T) => boolean, what: string, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}; the screen:\n${this.screen()}`);
      await sleep(50);
    }
  }

  /** Waits for the screen to show `text` `times` times (or more). */
  waitText(text: string, ms?: number, times = 1): Promise<string> {
    return this.until(
      () => this.screen(),
      (s) => s.split(text).length - 1 >= times,
      `${JSON.stringify(text)}${times > 1 ? ` ${times} times` : ""}`,
      ms,
    );
  }

  /** Waits for the last line to be `line` (capture-pane drops trailing blanks: a bare prompt shows without its space). */
  waitLast(line: string, ms?: number): Promise<string> {
    return this.until(
      () => this.lastLine(),
      (l) => l === line.trimEnd(),
      `the last line to be ${JSON.stringify(line)}`,
      ms,
    );
  }

  kill(): void {
    try {
      this.tmux("kill-server");
    } catch {}
  }
}
