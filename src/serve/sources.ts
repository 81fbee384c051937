// Where the live page gets a lab's pictures: from this netl's own feed (the lab it holds), or from
// the feed file of a lab another netl holds (`netl serve LAB`).
import type { Picture } from "../present/graph-model.js";
import { currentFeed, watchFeed } from "../runtime/feed-watch.js";
import type { FeedState, LiveFeed } from "../runtime/live-feed.js";
import type { PictureSource } from "./page.js";

export const feedSource = (feed: LiveFeed<Picture>): PictureSource => ({
  lab: feed.lab,
  current: () => feed.state,
  subscribe: (listener) => feed.subscribe(listener),
});

/** Another netl's lab: what its feed file says, read again when it changes. */
export function fileSource(runDir: string, lab: string): PictureSource {
  const read = () => currentFeed(runDir, lab) as FeedState<Picture> | undefined;
  let last = read();
  return {
    lab,
    current: () => last,
    subscribe: (listener) =>
      watchFeed(runDir, lab, (state) => {
        last = state as FeedState<Picture> | undefined;
        listener(last);
      }),
  };
}
