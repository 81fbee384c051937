// The `serve` statement: the lab's live page (src/serve/), started on the first `serve` and closed
// by `serve off` or when the lab is released. A page the front end started (`--serve`) is its own:
// `serve` only says where it is, and it outlives the lab (the tutorial moves it to the next lesson).
import { fail, netlError, ok, type Result } from "../diagnostic.js";
import type { Picture } from "../present/graph-model.js";
import type { Outcome } from "../present/outcome.js";
import type { Executor } from "../runtime/executor.js";
import type { LiveFeed } from "../runtime/live-feed.js";
import type { ServeAt } from "../serve/at.js";
import type { LivePage } from "../serve/page.js";
import { feedSource } from "../serve/sources.js";

/** The page a Driver serves: its own (`given` false) or the front end's. */
export interface PageHold {
  page: LivePage | undefined;
  readonly given: boolean;
  readonly at: ServeAt | undefined;
}

const LOOPBACK: ServeAt = { host: "127.0.0.1", port: 0 };

const text = (words: string): Result<Outcome> => ok({ kind: "text", text: words });

export async function servePage(
  hold: PageHold,
  on: boolean,
  feed: LiveFeed<Picture> | undefined,
  executor: Executor,
): Promise<Result<Outcome>> {
  if (!on) {
    if (hold.page === undefined) return text("no live page is served");
    if (hold.given) return text(`the live page stays at ${hold.page.url ?? "…"}: netl was started with --serve`);
    await closePage(hold);
    return text("the live page is closed");
  }
  if (hold.page?.url) return text(`the live page is at ${hold.page.url}`);
  if (feed === undefined)
    return fail(netlError("usage", "no-feed", "this lab has no live feed to serve (a lab of the tests' own)"));
  const page = hold.page ?? new (await import("../serve/page.js")).LivePage(executor);
  page.follow(feedSource(feed));
  const url = await page.listen(hold.at ?? LOOPBACK);
  if (!url.ok) {
    if (!hold.given) await page.close();
    return url;
  }
  hold.page = page;
  return text(`the live page of lab '${feed.lab}' is at ${url.value} (read-only; serve off closes it)`);
}

/** The lab is released: close the page unless the front end owns it. */
export async function closePage(hold: PageHold): Promise<void> {
  if (hold.given || hold.page === undefined) return;
  const page = hold.page;
  hold.page = undefined;
  await page.close();
}
