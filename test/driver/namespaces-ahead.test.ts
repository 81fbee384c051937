// How many namespaces the maker makes ahead for a script (changes.ts, namespacesAhead): the nodes of the
// script's first kernel change, counted from its statements before it is checked. More would be made for
// nothing, on the build's way; fewer are made as before, when the batch names them.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { namespacesAhead } from "../../src/driver/changes.js";

const ahead = (text: string) => {
  const { program, errors } = parse(text);
  if (errors.length > 0) throw new Error(errors[0]?.message);
  return namespacesAhead(program.statements);
};

describe("namespaces made ahead", () => {
  it("counts the nodes of ns, router and switch up to the first statement that ends the first change", () => {
    expect(ahead("ns A B\nrouter R\nswitch S 10.0.0.0/24\nlink A <-> R 10.0.1.0/24\nroute A default via R\n")).toBe(4);
    expect(ahead("ns A B\nping A B\nns C D E\n")).toBe(2);
    expect(ahead("ns A\nlink A <-> host 10.9.0.0/30\nns B\n")).toBe(1);
    expect(ahead("ns A B\nshow\nrouter R\n")).toBe(2);
  });

  it("is none for a script that starts with anything else", () => {
    expect(ahead("")).toBe(0);
    expect(ahead("ping A B\nns A B\n")).toBe(0);
    expect(ahead("for i in 1..3 { ns n$i }\n")).toBe(0);
    expect(ahead('load "x.netl"\nns A\n')).toBe(0);
    expect(ahead("link host <-> host 10.0.0.0/24\nns A\n")).toBe(0);
  });
});
