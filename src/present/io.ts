// Where words go and how they look: every layer that prints (the driver, the CLI, the REPL, the
// tutorial) is handed one; the CLI makes it for the process (cli/io.ts), tests make their own.
import type { Colors } from "picocolors/types.js";
import type { Lang } from "../words/catalogue.js";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly c: Colors;
  /** The language messages of the catalogue (src/words/) are worded in; English when unset. */
  readonly lang?: Lang;
}
