// A progress bar for long changes on a terminal: `building [#########-----------] 120/250 namespaces`.
// Only for changes over PROGRESS_MIN namespaces, redrawn in place on stderr, and wiped at the end.

/** Changes touching fewer namespaces than this finish before a bar would help. */
export const PROGRESS_MIN = 50;
const WIDTH = 30;

/** One frame of the bar, without the carriage return. */
export function progressLine(done: number, total: number): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  return `building [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${done}/${total} namespaces`;
}

/** A progress callback that draws on `write` (a TTY's stream), and clears its line when done. */
export function progressBar(write: (text: string) => void): (done: number, total: number) => void {
  return (done, total) => {
    if (total < PROGRESS_MIN) return;
    write(done < total ? `\r${progressLine(done, total)}` : `\r${" ".repeat(progressLine(total, total).length)}\r`);
  };
}
