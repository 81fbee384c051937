// What a Ctrl-C says: while netl cannot stop at once (`netl run`, the REPL), since it never cuts a
// rollback or a teardown short (after it stopped a command of the user's: words/outcome.ts).
export const STILL_ROLLING_BACK = "netl: still rolling back the statement in flight; wait — the lab is being put back";
export const STILL_REMOVING = "netl: removing the lab; please wait";
