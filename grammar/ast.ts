// The abstract syntax of netl: what the CST→AST visitor produces and the interpreter consumes; its
// statements here, the parts they are made of in ast-parts.ts (exported from here too).
// Every node carries the span of the source text it came from.
import type { Span } from "../src/diagnostic.js";
import type {
  Cidr,
  Condition,
  EndRef,
  FirewallTarget,
  IfaceRef,
  LinkEnd,
  Name,
  PingTarget,
  SetChange,
  Via,
} from "./ast-parts.js";

export type * from "./ast-parts.js";

interface Base {
  readonly span: Span;
}

export interface NsStmt extends Base {
  readonly kind: "ns";
  readonly names: readonly Name[];
}
export interface RouterStmt extends Base {
  readonly kind: "router";
  readonly names: readonly Name[];
}
/** `switch S [S2 …] [PREFIX …]`: a bridge in a namespace; hosts linked to it are numbered from the prefixes. */
export interface SwitchStmt extends Base {
  readonly kind: "switch";
  readonly names: readonly Name[];
  readonly prefixes: readonly Cidr[];
}
export interface DelStmt extends Base {
  readonly kind: "del";
  readonly names: readonly Name[];
}
export interface LinkStmt extends Base {
  readonly kind: "link";
  readonly a: LinkEnd;
  readonly b: LinkEnd;
  /** Prefixes written after the right end when the left end has no address: auto-addressing. */
  readonly prefixes: readonly Cidr[];
  /** `delay 20ms loss 1% …`, applied to both ends. */
  readonly conditions: readonly Condition[];
}

/** `set A <-> B …` (both ends), `set A -> B …` (A's end: what A sends to B), `set A:eth0 …` (that interface). */
export interface SetStmt extends Base {
  readonly kind: "set";
  readonly a: EndRef;
  readonly b?: EndRef;
  /** Written `->`: only the first end changes. */
  readonly directed: boolean;
  readonly change: SetChange;
}
export interface UnlinkStmt extends Base {
  readonly kind: "unlink";
  readonly a: EndRef;
  readonly b: EndRef;
}
/** `move eth5 -> A [force]`, `move A:eth5 -> host`. */
export interface MoveStmt extends Base {
  readonly kind: "move";
  readonly iface: IfaceRef;
  readonly to: Name;
  /** Written `force`: the interface may carry the machine's default route. */
  readonly force: boolean;
}
export interface AddrStmt extends Base {
  readonly kind: "addr";
  readonly target: EndRef; // ifname required; the checker says so when missing
  readonly cidr: Cidr;
}
export interface RouteStmt extends Base {
  readonly kind: "route";
  readonly node: Name;
  /** `default` or a prefix. */
  readonly destination: { readonly kind: "default"; readonly span: Span } | ({ readonly kind: "prefix" } & Cidr);
  readonly via: Via;
}
export interface PingStmt extends Base {
  readonly kind: "ping";
  readonly from: Name;
  readonly to: PingTarget;
  readonly count?: number;
}
/** `route auto`: static routes along shortest paths for every node to every subnet. */
export interface RouteAutoStmt extends Base {
  readonly kind: "route-auto";
}
/** `pingall`: every node to every other, as a matrix. */
export interface PingallStmt extends Base {
  readonly kind: "pingall";
}
/** `why A B` / `why A ADDR`: the reason a ping from A does not arrive, in words. */
export interface WhyStmt extends Base {
  readonly kind: "why";
  readonly from: Name;
  readonly to: PingTarget;
}
export interface ExecStmt extends Base {
  readonly kind: "exec";
  readonly node: Name;
  /** The rest of the line, verbatim (trimmed), `;` and pipes included. */
  readonly command: string;
}
export interface ShowStmt extends Base {
  readonly kind: "show";
  readonly node?: Name;
}
export interface ExpectStmt extends Base {
  readonly kind: "expect";
  readonly negated: boolean;
  readonly check: PingStmt | ReachStmt;
}
/** `tcp A B 8080` after `expect`: a connection (tcp) or an echo (udp) to that port, tried from inside A. */
export interface ReachStmt extends Base {
  readonly kind: "reach";
  readonly protocol: "tcp" | "udp";
  readonly from: Name;
  readonly to: PingTarget;
  readonly port: number;
}
/** `spawn B CMD…`: a long-running process in B, ended on undo, `del B` and teardown. */
export interface SpawnStmt extends Base {
  readonly kind: "spawn";
  readonly node: Name;
  /** The rest of the line, verbatim, run with `sh -c`. */
  readonly command: string;
}
/** `logs B`: what B's spawned processes printed. */
export interface LogsStmt extends Base {
  readonly kind: "logs";
  readonly node: Name;
}
/** `graph`: the topology drawn in the terminal. */
export interface GraphStmt extends Base {
  readonly kind: "graph";
}
/** `ps`: what netl started, where, and whether it still runs. */
export interface PsStmt extends Base {
  readonly kind: "ps";
}
/** `block A -> B tcp 8080`, `allow A -> B tcp 22`, `unblock A -> any udp`: a rule in A's own nftables table. */
export interface FirewallStmt extends Base {
  readonly kind: "block" | "allow" | "unblock";
  readonly from: Name;
  readonly to: FirewallTarget;
  readonly protocol?: "tcp" | "udp";
  readonly port?: number;
}

// Statements about the session rather than the lab (issue 3): history, files, the REPL's own settings.
export interface UndoStmt extends Base {
  readonly kind: "undo";
  /** How many changes to revert; 1 when not written. */
  readonly count: number;
}
export interface RedoStmt extends Base {
  readonly kind: "redo";
  readonly count: number;
}
export interface HistoryStmt extends Base {
  readonly kind: "history";
}
export interface ResetStmt extends Base {
  readonly kind: "reset";
}
/** `save "lab.netl" [force]` / `load "lab.netl"`: the path is the string's content, escapes resolved. */
export interface FileStmt extends Base {
  readonly kind: "save" | "load";
  readonly path: string;
  readonly pathSpan: Span;
  /** `save … force`: into a folder or over a file of another user, or over a symbolic link (replaced, not followed). */
  readonly force?: true;
}
export interface ExplainStmt extends Base {
  readonly kind: "explain";
  readonly on: boolean;
}
/** `serve` / `serve off`: the lab's live page (the REPL's, or a script's while it runs). */
export interface ServeStmt extends Base {
  readonly kind: "serve";
  readonly on: boolean;
}
export interface HelpStmt extends Base {
  readonly kind: "help";
  /** `help link`: a keyword (or any word; the REPL says when it knows no such topic). */
  readonly topic?: Name;
}

/** `shell A`: the user's shell inside A on the terminal; leaving it returns to the REPL. */
export interface ShellStmt extends Base {
  readonly kind: "shell";
  readonly node: Name;
}

/** `for i in 1..4 { … }`: the body as written, `{expr}` and all; one undo step for the whole loop. */
export interface ForStmt extends Base {
  readonly kind: "for";
  readonly variable: Name;
  readonly from: number;
  readonly to: number;
  /** The text between the braces. */
  readonly body: string;
  /** Where the body's text starts in the source (just after `{`). */
  readonly bodyAt: { readonly line: number; readonly col: number; readonly offset: number };
}

/** Statements that a Session handles itself; the rest go to the interpreter. */
export type SessionStatement =
  | UndoStmt
  | RedoStmt
  | HistoryStmt
  | ResetStmt
  | FileStmt
  | ExplainStmt
  | ServeStmt
  | HelpStmt
  | ShellStmt
  | ForStmt;

export type Statement = LabStatement | SessionStatement | PendingStatement;

/**
 * Statements the grammar knows and the interpreter does not run yet: the session answers
 * "'X' is not supported yet". A kind moves to LabStatement when its interpreter lands.
 */
export type PendingStatement = never;

/** `capture A:eth0 [count N] [filter "…"] [to "F"]`: packets on an interface, live or to a file. */
export interface CaptureStmt extends Base {
  readonly kind: "capture";
  /** `A:eth0`, or `A` for every interface of A. */
  readonly end: EndRef;
  readonly count?: number;
  /** A tcpdump filter expression, as written (`arp or icmp`). */
  readonly filter?: string;
  /** A pcap file to write instead of lines on the terminal. */
  readonly file?: { readonly path: string; readonly span: Span };
}

export type LabStatement =
  | NsStmt
  | RouterStmt
  | SwitchStmt
  | DelStmt
  | LinkStmt
  | UnlinkStmt
  | SetStmt
  | MoveStmt
  | AddrStmt
  | RouteStmt
  | RouteAutoStmt
  | PingStmt
  | PingallStmt
  | WhyStmt
  | ExecStmt
  | SpawnStmt
  | LogsStmt
  | PsStmt
  | GraphStmt
  | FirewallStmt
  | ShowStmt
  | ExpectStmt
  | CaptureStmt;

export interface Program {
  readonly statements: readonly Statement[];
}
