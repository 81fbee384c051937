// What the live page's tests share: a World from a script (checked as `netl check` does), and a
// picture source whose changes the test makes.
import { parse } from "../../grammar/index.js";
import { checkProgram } from "../../src/interpreter/program.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { type Picture, pictureOf } from "../../src/present/graph-model.js";
import type { FeedState } from "../../src/runtime/live-feed.js";
import type { PictureSource } from "../../src/serve/page.js";

export function worldOf(script: string): World {
  const { program, errors } = parse(script);
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join("; "));
  const checked = checkProgram(emptyWorld, program.statements, { source: script });
  if (checked.error) throw new Error(checked.error.message);
  return checked.world;
}

/** A source the test moves by hand: `set` a script's lab (or undefined: the lab went down). */
export class HandSource implements PictureSource {
  #state: FeedState<Picture> | undefined;
  readonly #listeners = new Set<(s: FeedState<Picture> | undefined) => void>();

  constructor(
    readonly lab: string,
    readonly prefix?: string,
  ) {}

  current(): FeedState<Picture> | undefined {
    return this.#state;
  }

  subscribe(listener: (s: FeedState<Picture> | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set(script: string | undefined): void {
    const version = (this.#state?.version ?? 0) + 1;
    this.#state =
      script === undefined
        ? undefined
        : {
            netl: 1,
            lab: this.lab,
            ...(this.prefix ? { prefix: this.prefix } : {}),
            pid: process.pid,
            version,
            picture: pictureOf(worldOf(script)),
          };
    for (const l of this.#listeners) l(this.#state);
  }
}
