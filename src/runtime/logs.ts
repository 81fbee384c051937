// `logs NODE`: the last lines of a node's log, read from its end (a log of any size costs the same),
// with its control characters escaped (a service's output is data, not orders to the terminal), and
// said when its oldest part was dropped (the supervisor keeps each log under a cap, supervise.pl).
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { showControls } from "../../grammar/control.js";
import { LOG_CAP } from "./supervisor.js";

const LOG_LINES = 40;
/** Enough for LOG_LINES lines of any sane length; a longer line is shown cut. */
const TAIL_BYTES = 64 * 1024;
const DROPPED = /^netl: the oldest (\d+) bytes of this log were dropped\n/;

function readAt(fd: number, at: number, length: number): string {
  const buf = Buffer.alloc(length);
  let got = 0;
  for (let n = 1; n > 0 && got < length; got += n) n = readSync(fd, buf, got, length - got, at + got);
  return buf.subarray(0, got).toString("utf8");
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 102.4) / 10} MiB`;

/** The last lines of the log at `file`, for `logs NODE`. */
export function logTail(node: string, file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return `${node} has no log yet: nothing spawned there has printed anything`;
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, Math.min(size, 200)).match(DROPPED);
    const from = Math.max(head?.[0].length ?? 0, size - TAIL_BYTES);
    let text = readAt(fd, from, size - from);
    // Started inside a line: that line's rest is not shown.
    const partial = from > (head?.[0].length ?? 0);
    if (partial) text = text.slice(text.indexOf("\n") + 1);
    if (text.trim() === "" && !partial) return `${node}'s log is empty`;
    const lines = text.trimEnd().split("\n");
    const shown = lines.slice(-LOG_LINES);
    const more = lines.length - shown.length;
    const notes = [
      ...(head
        ? [
            `… the oldest ${Number(head[1]).toLocaleString("en")} bytes were dropped (a node's log keeps the last ${mib(LOG_CAP / 2)} to ${mib(LOG_CAP)})`,
          ]
        : []),
      ...(partial ? [`… earlier lines in ${file}`] : more > 0 ? [`… ${more} earlier lines in ${file}`] : []),
    ];
    return showControls([...notes, ...shown].join("\n"));
  } finally {
    closeSync(fd);
  }
}
