// netl's grammar as a chevrotain CstParser: rules only, no actions; the visitor builds the AST.
// The entry rule is one `statement`, closed by its end token (newline, `;` or end of input); index.ts runs it once per statement.
import type { IOrAlt } from "chevrotain";
import { once } from "../src/once.js";
import { SessionRules } from "./parser-session.js";
import * as T from "./tokens.js";

/** The lab's statements here, the session's in SessionRules; `statement` chooses among them all. */
export class NetlParser extends SessionRules {
  /** `validate`: check the grammar itself (the tests do; start-up skips it, the grammar being fixed). */
  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }

  /** The statement's alternatives, built once: a literal in the rule would be ~30 closures per statement parsed. */
  private readonly statementAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.nsStmt) },
    { ALT: () => this.SUBRULE(this.routerStmt) },
    { ALT: () => this.SUBRULE(this.switchStmt) },
    { ALT: () => this.SUBRULE(this.delStmt) },
    { ALT: () => this.SUBRULE(this.linkStmt) },
    { ALT: () => this.SUBRULE(this.unlinkStmt) },
    { ALT: () => this.SUBRULE(this.setStmt) },
    { ALT: () => this.SUBRULE(this.moveStmt) },
    { ALT: () => this.SUBRULE(this.addrStmt) },
    { ALT: () => this.SUBRULE(this.routeStmt) },
    { ALT: () => this.CONSUME(T.Pingall) },
    { ALT: () => this.SUBRULE(this.pingStmt) },
    { ALT: () => this.SUBRULE(this.whyStmt) },
    { ALT: () => this.SUBRULE(this.execStmt) },
    { ALT: () => this.SUBRULE(this.spawnStmt) },
    { ALT: () => this.SUBRULE(this.logsStmt) },
    { ALT: () => this.SUBRULE(this.captureStmt) },
    { ALT: () => this.CONSUME(T.Ps) },
    { ALT: () => this.CONSUME(T.Graph) },
    { ALT: () => this.SUBRULE(this.firewallStmt) },
    { ALT: () => this.SUBRULE(this.showStmt) },
    { ALT: () => this.SUBRULE(this.expectStmt) },
    { ALT: () => this.SUBRULE(this.undoStmt) },
    { ALT: () => this.SUBRULE(this.redoStmt) },
    { ALT: () => this.CONSUME(T.History) },
    { ALT: () => this.CONSUME(T.Reset) },
    { ALT: () => this.SUBRULE(this.fileStmt) },
    { ALT: () => this.SUBRULE(this.forStmt) },
    { ALT: () => this.SUBRULE(this.explainStmt) },
    { ALT: () => this.SUBRULE(this.serveStmt) },
    { ALT: () => this.SUBRULE(this.helpStmt) },
    { ALT: () => this.SUBRULE(this.shellStmt) },
  ];

  statement = this.RULE("statement", () => {
    this.OR(this.statementAlternatives);
    // Consuming the terminator makes trailing junk a plain "expected end of line" mismatch.
    this.CONSUME(T.StatementEnd);
  });

  nsStmt = this.RULE("nsStmt", () => {
    this.CONSUME(T.Ns);
    this.SUBRULE(this.names);
  });

  routerStmt = this.RULE("routerStmt", () => {
    this.CONSUME(T.Router);
    this.SUBRULE(this.names);
  });

  /** `switch S [S2 …] [PREFIX …]`: whether prefixes fit several switches is the checker's call. */
  switchStmt = this.RULE("switchStmt", () => {
    this.CONSUME(T.Switch);
    this.SUBRULE(this.names);
    this.MANY(() => this.CONSUME(T.Address));
  });

  delStmt = this.RULE("delStmt", () => {
    this.CONSUME(T.Del);
    this.SUBRULE(this.names);
  });

  /** `A B C` or `A, B, C`. */
  names = this.RULE("names", () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(T.Comma));
      this.CONSUME2(T.Identifier);
    });
  });

  linkStmt = this.RULE("linkStmt", () => {
    this.CONSUME(T.Link);
    this.SUBRULE(this.linkEnd);
    this.CONSUME(T.BothWays);
    this.SUBRULE2(this.linkEnd);
    this.MANY(() => this.SUBRULE(this.condition));
  });

  /** `delay 20ms`, `loss 1%`, `mtu 1400`: which values fit which word is the visitor's call. */
  condition = this.RULE("condition", () => {
    this.CONSUME(T.ConditionWord);
    this.OR([{ ALT: () => this.CONSUME(T.Quantity) }, { ALT: () => this.CONSUME(T.Integer) }]);
  });

  /** `set A <-> B …`, `set A -> B …` (one direction), `set A:eth0 …`; then conditions, `clear`, `up` or `down`. */
  setStmt = this.RULE("setStmt", () => {
    this.CONSUME(T.SetWord);
    this.CONSUME(T.EndRef);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.BothWays) }, { ALT: () => this.CONSUME(T.OneWay) }]);
      this.CONSUME2(T.EndRef);
    });
    this.OR2([
      { ALT: () => this.CONSUME(T.Clear) },
      { ALT: () => this.CONSUME(T.Up) },
      { ALT: () => this.CONSUME(T.Down) },
      { ALT: () => this.AT_LEAST_ONE(() => this.SUBRULE(this.condition)) },
    ]);
  });

  /** `A`, `A:eth3`, `A:eth3 10.0.0.9/24 …`; who owns the addresses after the right end is the visitor's call. */
  linkEnd = this.RULE("linkEnd", () => {
    this.CONSUME(T.EndRef);
    this.MANY(() => this.CONSUME(T.Address));
  });

  unlinkStmt = this.RULE("unlinkStmt", () => {
    this.CONSUME(T.Unlink);
    this.CONSUME(T.EndRef);
    this.CONSUME(T.BothWays);
    this.CONSUME2(T.EndRef);
  });

  /** `move eth5 -> A [force]`, `move A:eth5 -> host`: a bare interface name is one of the machine's. */
  moveStmt = this.RULE("moveStmt", () => {
    this.CONSUME(T.Move);
    this.CONSUME(T.EndRef);
    this.CONSUME(T.OneWay);
    this.CONSUME(T.Identifier);
    this.OPTION(() => this.CONSUME(T.Force));
  });

  /** `addr A:eth0 CIDR`; a bare node is accepted here so the checker can say which interface is missing. */
  addrStmt = this.RULE("addrStmt", () => {
    this.CONSUME(T.Addr);
    this.CONSUME(T.EndRef);
    this.CONSUME(T.Address);
  });

  /** `route auto`, or `route A DESTINATION via TARGET`. */
  routeStmt = this.RULE("routeStmt", () => {
    this.CONSUME(T.Route);
    this.OR([
      { ALT: () => this.CONSUME(T.Auto) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.SUBRULE(this.destination);
          this.CONSUME(T.Via);
          this.SUBRULE(this.target);
        },
      },
    ]);
  });

  destination = this.RULE("destination", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Default) }, { ALT: () => this.CONSUME(T.Address) }]);
  });

  /** Where a ping or a route's next hop goes: a node or a bare address. */
  target = this.RULE("target", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Address) }]);
  });

  pingStmt = this.RULE("pingStmt", () => {
    this.CONSUME(T.Ping);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.target);
    this.OPTION(() => {
      this.CONSUME(T.Count);
      this.CONSUME(T.Integer);
    });
  });

  /** `why A B` / `why A ADDR`: the reason a ping fails. */
  whyStmt = this.RULE("whyStmt", () => {
    this.CONSUME(T.Why);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.target);
  });

  execStmt = this.RULE("execStmt", () => {
    this.CONSUME(T.Exec);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.ShellCommand);
  });

  /** `spawn B python3 -m http.server 8080`: the rest of the line, as for exec. */
  spawnStmt = this.RULE("spawnStmt", () => {
    this.CONSUME(T.Spawn);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.ShellCommand);
  });

  logsStmt = this.RULE("logsStmt", () => {
    this.CONSUME(T.Logs);
    this.CONSUME(T.Identifier);
  });

  /** `capture A:eth0 [count N] [filter "…"] [to "F"]`: the visitor checks the words `filter` and `to`. */
  captureStmt = this.RULE("captureStmt", () => {
    this.CONSUME(T.Capture);
    this.CONSUME(T.EndRef);
    this.MANY(() =>
      this.OR([
        { ALT: () => [this.CONSUME(T.Count), this.CONSUME(T.Integer)] },
        { ALT: () => [this.CONSUME(T.Identifier), this.CONSUME(T.StringLit)] },
      ]),
    );
  });

  /** `block A -> B [tcp|udp [PORT]]`, `block A -> any udp`, `allow …`, `unblock …`. */
  firewallStmt = this.RULE("firewallStmt", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Block) },
      { ALT: () => this.CONSUME(T.Allow) },
      { ALT: () => this.CONSUME(T.Unblock) },
    ]);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.OneWay);
    this.OR2([
      { ALT: () => this.CONSUME2(T.Identifier) },
      { ALT: () => this.CONSUME(T.Any) },
      { ALT: () => this.CONSUME(T.Address) },
    ]);
    this.OPTION(() => {
      this.SUBRULE(this.protocol);
      this.OPTION2(() => this.CONSUME(T.Integer));
    });
  });

  protocol = this.RULE("protocol", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Tcp) }, { ALT: () => this.CONSUME(T.Udp) }]);
  });

  /** `tcp A B 8080`, `udp A 10.0.0.2 53`: a port reached from inside A (only after expect). */
  reachStmt = this.RULE("reachStmt", () => {
    this.SUBRULE(this.protocol);
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.target);
    this.CONSUME(T.Integer);
  });

  showStmt = this.RULE("showStmt", () => {
    this.CONSUME(T.Show);
    this.OPTION(() => this.CONSUME(T.Identifier));
  });

  expectStmt = this.RULE("expectStmt", () => {
    this.CONSUME(T.Expect);
    this.OPTION(() => this.CONSUME(T.No));
    this.OR([{ ALT: () => this.SUBRULE(this.pingStmt) }, { ALT: () => this.SUBRULE(this.reachStmt) }]);
  });
}

/**
 * Built once, on first use (self-analysis is the expensive part: commands that never parse do not pay
 * for it); its input is replaced for every statement.
 */
export const parser = once(() => new NetlParser());
