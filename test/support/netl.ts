// Run the built CLI as a user would: the bin (dist/netl, scripts/netl.sh), which starts node from the
// start-up snapshot made for it (or runs dist/netl.js until there is one), exactly as an installed netl
// does; without colour. NETL is dist/netl.js, for tests that start node themselves (as another user,
// under script(1)).
import { execa } from "execa";

export interface NetlRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const NETL = new URL("../../dist/netl.js", import.meta.url).pathname;
export const NETL_BIN = new URL("../../dist/netl", import.meta.url).pathname;

export async function netl(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<NetlRun> {
  const r = await execa(NETL_BIN, [...args], {
    input: options.input ?? "",
    reject: false,
    env: { NO_COLOR: "1", ...options.env },
  });
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
}
