// What a Ctrl-C says: while netl cannot stop at once (`netl run`, the REPL), since it never cuts a
// rollback or a teardown short (after it stopped a command of the user's: words/outcome.ts).
export const STILL_ROLLING_BACK = "netl: still rolling back the statement in flight; wait — the lab is being put back";
export const STILL_REMOVING = "netl: removing the lab; please wait";
/**
 * The event netl's process emits when its output can no longer be written (the reader gone, the
 * terminal gone: cli/process-run.ts); a live lab's command stops on it as on a signal, SIGPIPE's status.
 */
export const OUTPUT_GONE = "netl-output-gone";
