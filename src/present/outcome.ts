// What one statement did, as the driver hands it to be worded (text here, JSON in json.ts): a change's
// summary, the lab's answer to a query (runtime/answer.ts), a line of its own, or a block's steps.
import type { Answer } from "../runtime/answer.js";

export type Outcome =
  | { readonly kind: "change"; readonly summary: readonly string[] }
  | Answer
  /** `help` and `help WORD`: worded in the reader's language when printed (help.ts). */
  | { readonly kind: "help"; readonly topic?: string }
  /** `history`, `explain`, `save`; `logs` and `ps` answer so too. */
  | { readonly kind: "text"; readonly text: string }
  /** `exec` and `shell` on the user's terminal: what they printed went there as it came. */
  | { readonly kind: "terminal"; readonly what: "exec" | "shell"; readonly node: string; readonly exitCode: number }
  /** `load` and `for`: what each statement of the block did, in order. */
  | { readonly kind: "load"; readonly steps: readonly { readonly text: string; readonly outcome: Outcome }[] };
