// The lab's World on disk (runtime/world-file.ts), which `netl attach`, `ls` and `show` read: for random
// labs, what is read back is the World that was written — the same text for `show`, `save` and the
// JSON of `show`, and the same answer to any next statement. A file of another version or a damaged
// one reads as none, never as a wrong lab.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/interpreter/index.js";
import { emptyWorld, type World } from "../../src/interpreter/world.js";
import { worldJson } from "../../src/present/json.js";
import { saveScript } from "../../src/present/save.js";
import { showWorld } from "../../src/present/show.js";
import { worldPath } from "../../src/runtime/lab-record.js";
import { readWorld, worldFromText, worldText, writeWorld } from "../../src/runtime/world-file.js";
import { nodes, routed, statement } from "../interpreter/arbitraries.js";
import { change } from "../interpreter/harness.js";
import { factsFor } from "../interpreter/machine.js";

const dir = mkdtempSync(join(tmpdir(), "netl-world-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a person or a program reads off a World. */
const readings = (w: World) => ({ show: showWorld(w), save: saveScript(w, "t"), json: worldJson(w) });

/** A statement's result on a World, as data that can be compared: its summary and ops, or its error. */
function next(w: World, stmt: Parameters<typeof evaluate>[1]) {
  const r = evaluate(w, stmt, factsFor(w));
  if (!r.ok) return { error: r.error.code, message: r.error.message };
  return r.value.kind === "change"
    ? { ops: r.value.change.ops, summary: r.value.change.summary, after: showWorld(r.value.change.after) }
    : { query: r.value.query.kind };
}

describe("the World on disk", () => {
  it("reads back as the World written: same readings, same answer to the next statement", () => {
    fc.assert(
      fc.property(
        fc.constantFrom([], nodes, routed),
        fc.array(statement, { minLength: 3, maxLength: 30 }),
        statement,
        (start, statements, then) => {
          let world: World = emptyWorld;
          for (const stmt of [...start, ...statements]) {
            const r = evaluate(world, stmt, factsFor(world));
            if (r.ok && r.value.kind === "change") world = r.value.change.after;
          }
          const back = worldFromText(worldText(world));
          expect(back).toBeDefined();
          if (back === undefined) return;
          expect(readings(back)).toEqual(readings(world));
          expect(worldText(back)).toBe(worldText(world));
          expect(next(back, then)).toEqual(next(world, then));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps what the World alone knows: switch prefixes, routes added by route auto, held addresses, link ids", () => {
    let w: World = emptyWorld;
    for (const line of [
      "ns A B C",
      "router R",
      "switch S 10.0.5.0/24",
      "link A <-> S",
      "link B <-> S",
      "link R <-> S",
      "link R <-> C 10.2.0.0/24 fd02::/64",
      "route auto",
      "set R <-> C down",
      "unlink B <-> S",
      "spawn C sleep 1000",
    ])
      w = change(w, line).after;
    const back = worldFromText(worldText(w));
    if (back === undefined) throw new Error("not read back");
    expect(back.nodes.get("S")?.prefixes).toEqual(["10.0.5.0/24"]);
    expect(back.nodes.get("A")?.routes.filter((r) => r.auto).length).toBeGreaterThan(0);
    expect(back.nodes.get("R")?.ifaces.get("eth1")?.held?.addresses).toEqual(["fd02::1/64"]);
    expect(back.nodes.get("C")?.processes).toEqual([{ id: 1, command: "sleep 1000" }]);
    expect([...back.links.keys()]).toEqual([...w.links.keys()]);
    expect(back.nextLinkId).toBe(w.nextLinkId);
    // The next link on S gets the address B left free, as on the World written; the next spawn the next id.
    expect(change(back, "link C <-> S").summary).toEqual(["+ link C:eth1 10.0.5.2/24 <-> S:eth1"]);
    expect(change(back, "link C <-> S").summary).toEqual(change(w, "link C <-> S").summary);
    expect(change(back, "spawn A sleep 1").after.nextProcId).toBe(3);
    expect(change(back, "ns D").after.nodes.keySeq().toArray()).toEqual(["A", "B", "C", "R", "S", "D"]);
  });

  it("written atomically beside the record, read back; missing and foreign files read as none", () => {
    const w = change(emptyWorld, "ns A B").after;
    writeWorld(dir, "lab", w);
    const back = readWorld(dir, "lab");
    expect(typeof back === "string" ? back : showWorld(back)).toBe(showWorld(w));
    expect(readWorld(dir, "none")).toBe("missing");
    const foreign = [
      "",
      "{",
      "[]",
      JSON.stringify({ version: 2, world: {} }),
      JSON.stringify({ version: 1 }),
      JSON.stringify({ version: 1, world: { nodes: [] } }),
      worldText(w).replace('"version":1', '"version":0'),
    ];
    for (const text of foreign) {
      writeFileSync(worldPath(dir, "bad"), text);
      expect(readWorld(dir, "bad"), text).toBe("unreadable");
    }
    // What must pass the same check: the World just written.
    writeFileSync(worldPath(dir, "bad"), worldText(w));
    expect(typeof readWorld(dir, "bad")).toBe("object");
  });
});
