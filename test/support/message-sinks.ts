// Where the message scan (message-sources.ts) looks for messages: the functions that take them, the text
// front ends word for the reader, and the functions whose results are messages, file by file.

/** The functions whose arguments are messages, and which arguments. */
export const SINKS: Readonly<Record<string, readonly number[]>> = { problem: [1, 3], netlError: [2] };
/** Text worded for the reader as it is written out (words/phrases.ts's reword): checked unless it is data. */
export const WORDED: Readonly<Record<string, readonly number[]>> = { reword: [0] };
/** Functions whose results are messages: the parser's words for chevrotain (as `build…Message` methods), habits' hints. */
export const RESULTS: Readonly<Record<string, readonly string[]>> = {
  "grammar/messages.ts": ["expected", "statementStart"],
  "grammar/habits.ts": ["habitHint"],
  "src/present/why.ts": ["whyLines", "fixLine"],
  "src/present/pingall.ts": ["pingallLines"],
};
