// How a rejection reaching the top of a netl program is said: a program that could not start is the
// user's error in plain words (exit 1); anything else is netl's bug, with its stack (exit 70).
import { expect, test } from "vitest";
import { failure } from "../../src/cli/process-run.js";
import { StartFailure } from "../../src/runtime/start-failure.js";

test("a StartFailure: its words, exit 1, no stack", () => {
  const r = failure(new StartFailure(["ip", "x".repeat(200_000)], "E2BIG"));
  expect(r.code).toBe(1);
  expect(r.text).toBe(
    "netl: cannot start ip: the argument list is too long (one argument is 200,001 bytes, and Linux takes at most 131,072 in one)\n",
  );
});

test("node's own spawn error, or any other, is an internal error with its stack", () => {
  const e = Object.assign(new Error("spawn E2BIG"), { code: "E2BIG", syscall: "spawn" });
  const r = failure(e);
  expect(r.code).toBe(70);
  expect(r.text).toMatch(/^netl: internal error \(please report\): Error: spawn E2BIG\n {4}at /);
});
