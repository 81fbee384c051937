// The live page's feed of one lab. The Session hands it the World after every change (undo and
// rollback included); a page this very netl serves hears it at once, and any other netl (`netl serve
// LAB`) reads the lab's feed file, /run/netl/LAB.live. The file is written off the change's path, at
// most once per FEED_INTERVAL_MS, so a change costs the Session a counter and a timer, whatever the
// lab's size; closing the feed writes what is pending.
import { join } from "node:path";
import type { World } from "../interpreter/world.js";
import { readRunFile, removeRunFile, replaceFile } from "./run-file.js";

/** How often, at most, the feed file is rewritten. */
export const FEED_INTERVAL_MS = 100;

/** What the feed says of its lab at one moment: the feed file's content. */
export interface FeedState<P = unknown> {
  readonly netl: 1;
  readonly lab: string;
  readonly prefix?: string;
  /** The netl that holds the lab. */
  readonly pid: number;
  /** Counts the changes since that netl opened the lab. */
  readonly version: number;
  /** The lab as a picture (present/graph-model.ts), JSON as it is. */
  readonly picture: P;
}

export const feedPath = (runDir: string, lab: string): string => join(runDir, `${lab}.live`);

/** A bound on what is read as a feed: a picture of the largest lab is far smaller. */
const MAX_FEED_BYTES = 64 << 20;

/** The feed file as written, or undefined when there is none (or half of one, which rename never shows). */
export function readFeed(runDir: string, lab: string): FeedState | undefined {
  try {
    const text = readRunFile(feedPath(runDir, lab), MAX_FEED_BYTES);
    if (text === undefined) return undefined;
    const state = JSON.parse(text) as FeedState;
    return state?.netl === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

export type FeedListener<P> = (state: FeedState<P>) => void;

export class LiveFeed<P> {
  #state: FeedState<P>;
  #world: World | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastWrite = 0;
  readonly #listeners = new Set<FeedListener<P>>();

  /** `draw`: the picture of a World (the runtime draws nothing itself). */
  constructor(
    readonly runDir: string,
    readonly lab: string,
    readonly prefix: string | undefined,
    private readonly draw: (world: World) => P,
    world: World,
  ) {
    this.#state = {
      netl: 1,
      lab,
      ...(prefix ? { prefix } : {}),
      pid: process.pid,
      version: 0,
      picture: draw(world),
    };
  }

  /** The lab changed: a counter and, when none is pending, a timer; the picture is drawn when asked for. */
  changed(world: World): void {
    this.#world = world;
    this.#state = { ...this.#state, version: this.#state.version + 1 };
    if (this.#listeners.size > 0) this.#settle();
    if (this.#timer === undefined) {
      const wait = Math.max(0, this.#lastWrite + FEED_INTERVAL_MS - Date.now());
      this.#timer = setTimeout(() => this.flush(), wait);
      this.#timer.unref();
    }
  }

  /** Draw the World last handed over, if it is newer than the picture. */
  #settle(): FeedState<P> {
    if (this.#world !== undefined) {
      this.#state = { ...this.#state, picture: this.draw(this.#world) };
      this.#world = undefined;
      for (const listener of this.#listeners) listener(this.#state);
    }
    return this.#state;
  }

  get state(): FeedState<P> {
    return this.#settle();
  }

  /** Hear every change in this process; returns how to stop. */
  subscribe(listener: FeedListener<P>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Write the feed file now (atomically: a reader sees the old one or the new one). */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastWrite = Date.now();
    try {
      replaceFile(feedPath(this.runDir, this.lab), JSON.stringify(this.#settle()));
    } catch {
      // The page is a view: a feed that cannot be written never stops the lab.
    }
  }

  /** The lab is released: kept up, the feed file stays with its last picture; taken down, it goes. */
  close(kept: boolean): void {
    if (kept) this.flush();
    else {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#settle();
      removeRunFile(feedPath(this.runDir, this.lab));
    }
    this.#listeners.clear();
  }
}
