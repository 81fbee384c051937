// Starting a live page for a front end: where it listens (127.0.0.1 and a free port unless told),
// the address said on the output, and a warning when it listens where others can reach it.
import type { Io } from "../present/io.js";
import { renderError } from "../present/render-error.js";
import { ProcessExecutor } from "../runtime/executor.js";
import { reword } from "../words/phrases.js";
import { isLoopback, type ServeFlags, serveAt } from "./at.js";
import { LivePage } from "./page.js";

export type { ServeFlags } from "./at.js";

/** Start a page and say where it is (`say`: the line's own way out); undefined, said why, when it cannot listen. */
export async function startPage(
  flags: ServeFlags,
  io: Io,
  say: (url: string) => void = (url) => io.out(reword(`live page: ${url}`, io.lang)),
): Promise<LivePage | undefined> {
  const at = serveAt(flags);
  const page = new LivePage(new ProcessExecutor());
  const url = await page.listen(at);
  if (!url.ok) {
    io.err(renderError(url.error, undefined, "", io.c, undefined, io.lang));
    return undefined;
  }
  if (!isLoopback(at.host))
    io.err(
      io.c.yellow(
        reword(
          `netl: the live page listens on ${at.host}: anyone who reaches this machine there can see the lab (it is read-only)`,
          io.lang,
        ),
      ),
    );
  say(url.value);
  return page;
}

/** Resolve on Ctrl-C, SIGTERM or SIGHUP: a page served until the user stops it. */
export function untilStopped(): Promise<void> {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  return new Promise((resolve) => {
    const stop = () => {
      for (const s of signals) process.off(s, stop);
      resolve();
    };
    for (const s of signals) process.on(s, stop);
  });
}
