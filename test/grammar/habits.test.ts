// Habits from elsewhere are understood: a statement that starts with no keyword gets the netl statement
// meant (Mininet's `h1 ping h2`, a shell's `rm`, two letters swapped); the message stays the parser's.
import { expect, test } from "vitest";
import { parse } from "../../grammar/index.js";

const hintOf = (line: string) => {
  const [e] = parse(line).errors;
  return e ? `${e.message} | ${e.hint ?? ""}` : "no error";
};

test("Mininet's node-first order: did you mean ping h1 h2", () => {
  expect(hintOf("h1 ping h2")).toBe(
    "unknown statement 'h1' | did you mean 'ping h1 h2'? (netl writes the statement first: ping FROM TO)",
  );
  expect(hintOf("h1 ping 10.0.0.2")).toContain("did you mean 'ping h1 10.0.0.2'?");
  expect(hintOf("h1 ping -c 3 h2")).toContain("did you mean 'ping h1 h2'?");
  expect(hintOf("h1 ifconfig")).toBe("unknown statement 'h1' | to run a command in node h1: exec h1 ifconfig");
  expect(hintOf("s1 ip link")).toBe("unknown statement 's1' | to run a command in node s1: exec s1 ip …");
});

test("other tools' words: delete and rm are del, xterm is shell, nodes and net are show and graph", () => {
  expect(hintOf("delete A")).toBe("unknown statement 'delete' | did you mean 'del A'? (netl's word for it)");
  expect(hintOf("rm A B")).toBe("unknown statement 'rm' | did you mean 'del A B'? (netl's word for it)");
  expect(hintOf("remove A")).toContain("did you mean 'del A'?");
  expect(hintOf("xterm h1")).toContain("did you mean 'shell h1'?");
  expect(hintOf("nodes")).toContain("did you mean 'show'?");
  expect(hintOf("net")).toContain("did you mean 'graph'?");
});

test("two letters swapped: pnig is ping, lnik is link", () => {
  expect(hintOf("pnig A B")).toBe("unknown statement 'pnig' | did you mean 'ping'?");
  expect(hintOf("lnik A <-> B")).toBe("unknown statement 'lnik' | did you mean 'link'?");
  expect(hintOf("shwo")).toBe("unknown statement 'shwo' | did you mean 'show'?");
});

test("what is no habit keeps the parser's own hint", () => {
  // A keyword one letter off is likelier than a habit.
  expect(hintOf("lnk A <-> B")).toBe("unknown statement 'lnk' | did you mean 'link'?");
  expect(hintOf("links A <-> B")).toBe("unknown statement 'links' | did you mean 'link'?");
  // A word that names no node the Mininet way, followed by another: not read as a command in a node.
  expect(hintOf("frobnicate A")).toMatch(/^unknown statement 'frobnicate' \| statements start with ns, /);
  expect(hintOf("hello")).toMatch(/\| statements start with /);
  // `delete` is no alias when written as a node name after a keyword.
  expect(hintOf("ns delete")).toBe("no error");
  expect(hintOf("ping h1 h2")).toBe("no error");
});
