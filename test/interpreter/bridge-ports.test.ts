// A switch's bridge takes at most 1023 ports (the kernel refuses the next with EXFULL): the model
// refuses that link first, at the switch's name, and only that one.
import { describe, expect, it } from "vitest";
import { MAX_PORTS } from "../../src/interpreter/switches.js";
import { change, failure, lab, spanOf } from "./harness.js";

const hosts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `h${from + i}`);

/** Switch S (with a prefix, so the hosts get addresses) and `ports` hosts linked to it; T and spare hosts unlinked. */
function star(ports: number) {
  return lab(
    "switch S 10.64.0.0/16",
    "switch T",
    "router R",
    `ns ${[...hosts(0, ports + 2), "x", "y"].join(" ")}`,
    ...hosts(0, ports).map((h) => `link ${h} <-> S`),
  );
}

describe("a switch's ports are the kernel's bridge's", () => {
  const full = star(MAX_PORTS);
  const almost = star(MAX_PORTS - 1);

  it("the limit is the kernel's: 1024 port numbers less port 0", () => {
    expect(MAX_PORTS).toBe(1023);
  });

  it("the last port the bridge has is taken, from either side of the link", () => {
    expect(change(almost, `link h${MAX_PORTS} <-> S`).after.nodes.get("S")?.ifaces.size).toBe(MAX_PORTS + 2);
    expect(change(almost, `link S <-> h${MAX_PORTS}`).summary[0]).toContain("+ link");
  });

  it("one more is refused at the switch's name, from either side, with a way out", () => {
    for (const line of [`link h${MAX_PORTS} <-> S`, `link S <-> h${MAX_PORTS}`, "link S <-> T", "link T <-> S"]) {
      const e = failure(full, line);
      expect(e.code).toBe("bridge-full");
      expect(e.message).toBe("switch S has 1023 ports, as many as a Linux bridge takes");
      expect(e.span).toMatchObject(spanOf(line, "S"));
      expect(e.hint).toContain("link S <-> Sb");
    }
  });

  it("what is not a full bridge's port is not refused", () => {
    // Other nodes of the same lab, a router with as many links, and a freed port.
    expect(change(full, "link x <-> T").summary[0]).toContain("+ link");
    expect(change(full, "link x <-> y").summary[0]).toContain("+ link");
    const router = lab(
      "router R",
      `ns ${hosts(0, MAX_PORTS + 1).join(" ")}`,
      ...hosts(0, MAX_PORTS).map((h, i) => `link ${h} <-> R 10.${100 + (i >> 8)}.${i & 255}.0/30`),
    );
    expect(change(router, `link h${MAX_PORTS} <-> R 10.99.0.0/30`).summary[0]).toContain("+ link");
    const freed = change(full, "unlink h0 <-> S").after;
    expect(change(freed, `link h${MAX_PORTS} <-> S`).summary[0]).toContain("+ link");
  });
});
