// The rules of the statements about the session rather than the lab (undo, for, save, explain, serve,
// help, shell); grammar/parser.ts adds the lab's and analyses the whole grammar once all are defined.
import { CstParser } from "chevrotain";
import { messages } from "./messages.js";
import * as T from "./tokens.js";

export class SessionRules extends CstParser {
  constructor(validate: boolean) {
    super(T.allTokens, { recoveryEnabled: true, errorMessageProvider: messages, skipValidations: !validate });
  }

  undoStmt = this.RULE("undoStmt", () => {
    this.CONSUME(T.Undo);
    this.OPTION(() => this.CONSUME(T.Integer));
  });

  redoStmt = this.RULE("redoStmt", () => {
    this.CONSUME(T.Redo);
    this.OPTION(() => this.CONSUME(T.Integer));
  });

  /** `for i in 1..4 { … }`: the body is one token, expanded per value by grammar/loops.ts. */
  forStmt = this.RULE("forStmt", () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.In);
    this.CONSUME(T.Integer);
    this.CONSUME(T.DotDot);
    this.CONSUME2(T.Integer);
    this.CONSUME(T.ForBody);
  });

  /** `save "lab.netl" [force]` or `load "lab.netl"`. */
  fileStmt = this.RULE("fileStmt", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Save) }, { ALT: () => this.CONSUME(T.Load) }]);
    this.CONSUME(T.StringLit);
    this.OPTION(() => this.CONSUME(T.Force));
  });

  /** `explain on` / `explain off`: any name here, so nodes may still be called `on`; the visitor checks it. */
  explainStmt = this.RULE("explainStmt", () => {
    this.CONSUME(T.Explain);
    this.CONSUME(T.Identifier);
  });

  /** `shell A`: an interactive shell in A on the terminal (the REPL's; the driver answers it). */
  shellStmt = this.RULE("shellStmt", () => {
    this.CONSUME(T.Shell);
    this.CONSUME(T.Identifier);
  });

  /** `serve`, `serve off` (and `serve on`): as for explain, any name here; the visitor checks it. */
  serveStmt = this.RULE("serveStmt", () => {
    this.CONSUME(T.Serve);
    this.OPTION(() => this.CONSUME(T.Identifier));
  });

  /** `help`, `help link`, `help foo`: the topic is any word, keyword or not. */
  helpStmt = this.RULE("helpStmt", () => {
    this.CONSUME(T.Help);
    this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Keyword) }]));
  });
}
