// Whether nftables is installed, asked once per session before the first firewall statement.
import type { Statement } from "../../grammar/ast.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import type { Executor } from "./executor.js";

export const isFirewall = (stmt: Statement): boolean =>
  stmt.kind === "block" || stmt.kind === "allow" || stmt.kind === "unblock";

export async function probeNft(executor: Executor): Promise<boolean> {
  try {
    return (await executor.run(["nft", "--version"])).exitCode === 0;
  } catch {
    return false;
  }
}

export function requireNft(stmt: Statement, present: boolean | undefined): Result<void> {
  if (present !== false || !isFirewall(stmt)) return ok(undefined);
  return fail(
    netlError("check", "no-nftables", "nftables is not installed: block and allow need the nft program", {
      span: stmt.span,
      hint: "install it: apt-get install nftables",
    }),
  );
}
