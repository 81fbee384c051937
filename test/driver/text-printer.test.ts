// A script's outcomes as text (driver/script.ts, textPrinter): their lines are held and written at once
// on flush, in order; a line on the other stream (a refused statement) writes them first.
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { netlError } from "../../src/diagnostic.js";
import { textPrinter } from "../../src/driver/script.js";
import type { World } from "../../src/interpreter/world.js";

const change = (...summary: string[]) => ({ kind: "change" as const, summary });

function recorded() {
  const writes: [string, string][] = [];
  const io = {
    out: (t: string) => writes.push(["out", t]),
    err: (t: string) => writes.push(["err", t]),
    c: pc.createColors(false),
  };
  return { writes, printer: textPrinter(io) };
}

describe("a script's outcomes as text", () => {
  const stmt = {} as Statement;
  const world = {} as World;
  it("holds the lines of a group's outcomes and writes them at once, in order, on flush", () => {
    const { writes, printer } = recorded();
    printer.outcome(change("+ ns a"), stmt, "ns a", world);
    printer.outcome(change("+ link a:eth0 <-> b:eth0", "+ addr a:eth0 10.0.0.1/24"), stmt, "link a <-> b", world);
    expect(writes).toEqual([]);
    printer.flush?.();
    expect(writes).toEqual([["out", "+ ns a\n+ link a:eth0 <-> b:eth0\n+ addr a:eth0 10.0.0.1/24"]]);
    printer.flush?.();
    expect(writes).toHaveLength(1);
  });

  it("writes what it holds before a refused statement's error", () => {
    const { writes, printer } = recorded();
    printer.outcome(change("+ ns a"), stmt, "ns a", world);
    const error = netlError("check", "unknown-node", "no node named 'c'");
    printer.refused(error, { name: "f.netl", text: "ns a\nlink a <-> c\n" } as never);
    expect(writes.map(([stream]) => stream)).toEqual(["out", "err"]);
    expect(writes[0]).toEqual(["out", "+ ns a"]);
  });
});
