// Tests that need a full kernel (tc netem, dummy interfaces: this machine's kernel has neither) run their
// commands in a User-Mode Linux guest through scripts/uml/run.sh: one boot per call (~2 s), so batch a test
// file's work into one command. The guest sees the machine's files and runs as root in its own kernel; its
// namespaces and links vanish with it. Missing UML is a failure with the install line, never a skip: CI
// installs it (.ci/run).
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { execa } from "execa";

export const UML_RUN = new URL("../../scripts/uml/run.sh", import.meta.url).pathname;

const NOT_INSTALLED = "user-mode-linux is not installed: apt-get install -y user-mode-linux";

export interface UmlRun {
  readonly stdout: string;
  readonly stderr: string;
  /** The guest command's exit status; 124 when the guest timed out, 125 when the harness failed. */
  readonly exitCode: number;
}

/** Whether linux.uml (Debian's user-mode-linux) is on PATH. */
export function umlAvailable(): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || ".", "linux.uml"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Boots a guest, runs `command` there under `sh -c` in the repository root, and returns its output and
 * exit status. Throws when UML is not installed.
 */
export async function runInUml(
  command: string,
  opts: { timeoutMs?: number; noXstate?: boolean } = {},
): Promise<UmlRun> {
  if (!umlAvailable()) throw new Error(NOT_INSTALLED);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const flags = opts.noXstate ? ["--no-xstate"] : [];
  const r = await execa(UML_RUN, ["--timeout", String(seconds), ...flags, "--", command], {
    reject: false,
    stdin: "ignore",
    stripFinalNewline: false,
    // A backstop only: run.sh kills its guest at --timeout itself; on SIGTERM it kills the guest too.
    timeout: timeoutMs + 15_000,
  });
  if (r.exitCode === 3 && r.stderr.includes("not installed")) throw new Error(NOT_INSTALLED);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 1 };
}
