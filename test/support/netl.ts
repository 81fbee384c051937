// Run the built CLI (dist/netl.js) as a user would, without colour.
import { execa } from "execa";

export interface NetlRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const NETL = new URL("../../dist/netl.js", import.meta.url).pathname;

export async function netl(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<NetlRun> {
  const r = await execa("node", [NETL, ...args], {
    input: options.input ?? "",
    reject: false,
    env: { NO_COLOR: "1", ...options.env },
  });
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}
