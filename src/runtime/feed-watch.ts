// Following a lab that another netl holds (`netl serve LAB`): its feed file (live-feed.ts), watched
// with inotify on the run directory and read again every POLL_MS in case a notice is missed. The lab
// is up while its netl runs or its record says it is kept; a stale feed file says nothing.
import { watch } from "node:fs";
import { pidAlive, readRecord } from "./lab-record.js";
import { type FeedState, readFeed } from "./live-feed.js";

const POLL_MS = 500;

/** The lab's feed as it is now: undefined when the lab is not up. */
export function currentFeed(runDir: string, lab: string): FeedState | undefined {
  const state = readFeed(runDir, lab);
  if (state === undefined) return undefined;
  return pidAlive(state.pid) || readRecord(runDir, lab) !== undefined ? state : undefined;
}

/** Call `onChange` with the feed whenever it changes (undefined: the lab went down); returns how to stop. */
export function watchFeed(runDir: string, lab: string, onChange: (state: FeedState | undefined) => void): () => void {
  let said = "";
  const look = () => {
    const state = currentFeed(runDir, lab);
    const now = state === undefined ? "" : `${state.pid}/${state.version}`;
    if (now === said) return;
    said = now;
    onChange(state);
  };
  const names = new Set([`${lab}.live`, `${lab}.json`]);
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(runDir, (_event, name) => {
      if (name !== null && names.has(name)) look();
    });
    watcher.on("error", () => {});
  } catch {
    // No run directory yet (no lab was ever up): the poll finds one when it comes.
  }
  const poll = setInterval(look, POLL_MS);
  look();
  return () => {
    clearInterval(poll);
    watcher?.close();
  };
}
