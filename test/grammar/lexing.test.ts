// Statement separators, comments, the exec rest-of-line token, and which text is an address.
import { describe, expect, test } from "vitest";
import { KEYWORDS, parse } from "../../grammar/index.js";
import { only, sp, statementsOf } from "./helpers.js";

const kinds = (text: string) => statementsOf(text).map((s) => (s as { kind: string }).kind);

describe("separators and comments", () => {
  test("newlines and ';' end statements; empty ones are fine", () => {
    expect(kinds("ns A; ns B\nshow")).toEqual(["ns", "ns", "show"]);
    expect(kinds("\n\n;;ns A;;\n;\n  \nshow;")).toEqual(["ns", "show"]);
    expect(kinds("")).toEqual([]);
  });

  test("'#' comments run to the end of the line", () => {
    expect(kinds("# a lab\nns A # two hosts; not a separator\n   # indented\nshow # the end")).toEqual(["ns", "show"]);
  });

  test("CRLF line endings count as one line break each; a lone CR is refused where it is", () => {
    const { program } = parse("ns A\r\nns B\r\nns C");
    expect(program.statements.map((s) => s.span.line)).toEqual([1, 2, 3]);
    expect(parse("ns A\r\nns B\rns C").errors.map((e) => [e.code, e.span?.line, e.span?.col])).toEqual([
      ["lone-carriage-return", 2, 5],
    ]);
  });

  test("positions on later lines", () => {
    expect(only("\n\n  show  Web")).toEqual({
      kind: "show",
      node: { text: "Web", span: sp(3, 9, 12, 10) },
      span: sp(3, 3, 12, 4),
    });
  });
});

describe("exec", () => {
  test("';', pipes and '#' belong to the command", () => {
    const text = "exec A ip -br addr; echo hi | grep x # not a comment\nshow";
    const { program, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(program.statements).toEqual([
      {
        kind: "exec",
        node: { text: "A", span: sp(1, 6, 7, 5) },
        command: "ip -br addr; echo hi | grep x # not a comment",
        span: sp(1, 1, 53, 0),
      },
      { kind: "show", span: sp(2, 1, 5, 53) },
    ]);
  });

  test("the command is taken verbatim, quotes and odd characters included", () => {
    const exec = only(`exec R1   sh -c 'echo "%$x" && ls ~/x' # é`);
    expect(exec.kind === "exec" && exec.command).toEqual(`sh -c 'echo "%$x" && ls ~/x' # é`);
  });

  test("the command ends with its line; the next line is lexed as usual", () => {
    expect(kinds("exec A ls; pwd\nns B; ns C # x")).toEqual(["exec", "ns", "ns"]);
  });
});

describe("addresses and interface refs", () => {
  const pingTo = (text: string) => {
    const s = only(text);
    return s.kind === "ping" ? s.to : undefined;
  };

  test("IPv6 needs '::' or eight groups, so NODE:IF is never an address", () => {
    expect(pingTo("ping A fe80::1")).toMatchObject({ kind: "address", address: { address: "fe80::1", family: 6 } });
    expect(pingTo("ping A ::1")).toMatchObject({ kind: "address", address: { address: "::1", family: 6 } });
    expect(pingTo("ping A 1:2:3:4:5:6:7:8")).toMatchObject({ address: { address: "1:2:3:4:5:6:7:8" } });
    expect(pingTo("ping A 2001:db8:0:0:0:0:0:1")).toMatchObject({ address: { address: "2001:db8::1" } });
    expect(statementsOf("unlink A:eth0 <-> ab:cd")).toEqual([
      {
        kind: "unlink",
        a: { node: { text: "A" }, ifname: { text: "eth0" } },
        b: { node: { text: "ab" }, ifname: { text: "cd" } },
      },
    ]);
  });

  test("interface names may hold '.', '@' and '-'", () => {
    expect(statementsOf("addr R1:veth-a.10@x 10.0.0.1/24")).toMatchObject([
      { target: { node: { text: "R1" }, ifname: { text: "veth-a.10@x" } } },
    ]);
  });

  test("an embedded IPv4 tail is part of an IPv6 address", () => {
    expect(pingTo("ping A ::ffff:10.0.0.1")).toMatchObject({ address: { address: "::ffff:a00:1", family: 6 } });
  });
});

test("KEYWORDS lists every keyword, lower case", () => {
  expect([...KEYWORDS].sort()).toEqual(
    [
      "ns",
      "router",
      "del",
      "link",
      "unlink",
      "addr",
      "route",
      "default",
      "via",
      "ping",
      "shell",
      "count",
      "exec",
      "show",
      "expect",
      "no",
      "undo",
      "redo",
      "history",
      "reset",
      "save",
      "load",
      "explain",
      "serve",
      "help",
      "switch",
      "move",
      "force",
      "auto",
      "pingall",
      "why",
      "set",
      "clear",
      "up",
      "down",
      "delay",
      "jitter",
      "loss",
      "rate",
      "corrupt",
      "duplicate",
      "reorder",
      "limit",
      "mtu",
      "spawn",
      "logs",
      "capture",
      "ps",
      "block",
      "allow",
      "unblock",
      "tcp",
      "udp",
      "any",
      "for",
      "in",
      "graph",
    ].sort(),
  );
});
