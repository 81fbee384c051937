// What the kernel and the machine must have for a statement: netem for link conditions, nft for
// firewalls, tcpdump for captures. Each is asked once per session, before the first statement that needs it.
import type { Statement } from "../../grammar/ast.js";
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import type { Executor } from "./executor.js";
import { type NetemProbe, netemConditionsOf, probeNetem, requireNetem } from "./netem.js";
import { isFirewall, probeNft, requireNft } from "./nftables.js";
import { onPath } from "./on-path.js";

export class Requirements {
  #netem: NetemProbe | "unasked" = "unasked";
  #nft: boolean | undefined;
  #tcpdump: boolean | undefined;

  constructor(private readonly executor: Executor) {}

  /** Whether the statement needs nothing not yet known to be there (a script may group it). */
  known(stmt: Statement): boolean {
    return (
      (this.#netem === true || netemConditionsOf(stmt).length === 0) &&
      (this.#nft === true || !isFirewall(stmt)) &&
      (this.#tcpdump === true || stmt.kind !== "capture")
    );
  }

  async check(stmt: Statement): Promise<Result<void>> {
    if (this.#netem === "unasked" && netemConditionsOf(stmt).length > 0) this.#netem = await probeNetem(this.executor);
    if (this.#nft === undefined && isFirewall(stmt)) this.#nft = await probeNft(this.executor);
    const nft = requireNft(stmt, this.#nft);
    if (!nft.ok) return nft;
    if (stmt.kind === "capture") {
      this.#tcpdump ??= onPath("tcpdump");
      if (!this.#tcpdump)
        return fail(
          netlError("kernel", "no-tcpdump", "capture needs tcpdump, which is not installed", {
            span: stmt.span,
            hint: "install it: apt-get install tcpdump (dnf install tcpdump, …)",
          }),
        );
    }
    return requireNetem(stmt, this.#netem === "unasked" ? undefined : this.#netem);
  }

  /** Every statement of a script, before any runs: the first that cannot. */
  async checkAll(statements: readonly Statement[]): Promise<Result<void>> {
    for (const stmt of statements) {
      const r = await this.check(stmt);
      if (!r.ok) return r;
    }
    return ok(undefined);
  }
}
