// `netl serve LAB`: the live page of a lab another netl holds (a `netl run` left up, a REPL), followed
// through the feed file that netl writes (runtime/live-feed.ts), until Ctrl-C. It changes nothing.
import { EXIT } from "../driver/exit.js";
import { currentFeed } from "../runtime/feed-watch.js";
import { DEFAULT_RUN_DIR, readRecord } from "../runtime/lab-record.js";
import { fileSource } from "../serve/sources.js";
import { type ServeFlags, startPage, untilStopped } from "../serve/start.js";
import type { Io } from "./io.js";

export async function serveCommand(lab: string, flags: ServeFlags, io: Io): Promise<number> {
  const runDir = process.env.NETL_RUN_DIR ?? DEFAULT_RUN_DIR;
  if (currentFeed(runDir, lab) === undefined && readRecord(runDir, lab) === undefined)
    io.err(`netl: no lab '${lab}' is up here (netl ls lists them); the page shows it once it is`);
  const page = await startPage(flags, io);
  if (page === undefined) return EXIT.usage;
  page.follow(fileSource(runDir, lab));
  io.out(io.c.dim("read-only; Ctrl-C stops serving (the lab stays as it is)"));
  await untilStopped();
  await page.close();
  return EXIT.ok;
}
