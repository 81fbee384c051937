// Whether netl runs in its terminal's foreground group (runtime/sandbox.ts): then, rootless, netl gets a
// foreground group of its own inside the sandbox. Read from /proc/self/stat's pgrp, tty and tpgid.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { inForeground } from "../../src/runtime/sandbox.js";

const dir = mkdtempSync(join(tmpdir(), "netl-fg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const stat = (text: string) => {
  const path = join(dir, `stat-${Math.random()}`);
  writeFileSync(path, text);
  return path;
};

test("foreground: the terminal's group is netl's own", () => {
  // pid (comm) state ppid pgrp session tty_nr tpgid …
  expect(inForeground(stat("42 (node) S 41 42 7 34816 42 4194560 0"))).toBe(true);
  // A command name with spaces and parentheses does not shift the fields.
  expect(inForeground(stat("42 (my (odd) node) S 41 42 7 34816 42 4194560 0"))).toBe(true);
});

test("not foreground: started with &, without a terminal, or unreadable", () => {
  expect(inForeground(stat("42 (node) S 41 42 7 34816 40 4194560 0"))).toBe(false);
  expect(inForeground(stat("42 (node) S 41 42 7 0 -1 4194560 0"))).toBe(false);
  expect(inForeground(join(dir, "none"))).toBe(false);
});
