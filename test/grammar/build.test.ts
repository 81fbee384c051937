// Building the lexer and parser prints nothing: no chevrotain warnings, and the lexer keeps its
// first-character optimisation (ensureOptimizations would print an error if it could not).
import { afterEach, expect, test, vi } from "vitest";

afterEach(() => vi.restoreAllMocks());

test("the grammar loads silently", async () => {
  const spies = (["log", "warn", "error", "info"] as const).map((m) => vi.spyOn(console, m));
  const { parse } = await import("../../grammar/index.js");
  expect(parse("exec A ls | wc -l; ns B").program.statements).toHaveLength(1);
  for (const spy of spies) expect(spy).not.toHaveBeenCalled();
});
