// `netl run` checks the whole script first (program.ts); the Session then takes each checked
// transition as it is when its lab stands at the very timeline the check stepped that statement from,
// instead of stepping it again — and steps it itself otherwise.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { checkProgram } from "../../src/interpreter/program.js";
import { emptyTimeline } from "../../src/interpreter/timeline.js";
import { emptyWorld } from "../../src/interpreter/world.js";
import { RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-planned-");

const SCRIPT = "ns A B\nlink A <-> B 10.0.0.0/24\nroute A default via B";

function open() {
  const dir = tempDir();
  const paths = { runDir: join(dir, "run"), netnsDir: join(dir, "netns"), sysNetDir: join(dir, "net") };
  for (const p of Object.values(paths)) mkdirSync(p);
  const executor = new RecordingExecutor();
  const s = Driver.open({ lab: "p", executor, ...paths });
  if (!s.ok) throw new Error(s.error.message);
  return { session: s.value, executor };
}

const items = (text: string) => {
  const { program } = parse(text);
  const { planned } = checkProgram(emptyWorld, program.statements, { source: text });
  return program.statements.map((stmt) => ({
    stmt,
    text: text.slice(stmt.span.offset, stmt.span.endOffset),
    planned: planned.get(stmt),
  }));
};

describe("a run's checked statements", () => {
  it("are checked from the empty timeline itself, each from the one its statement before led to", () => {
    const all = items(SCRIPT);
    expect(all[0]?.planned?.before).toBe(emptyTimeline);
    expect(all[1]?.planned?.before).toBe(all[0]?.planned?.transition.next);
    expect(all[2]?.planned?.before).toBe(all[1]?.planned?.transition.next);
  });

  it("go into the kernel exactly as the Session's own stepping puts them", async () => {
    const taken = open();
    const stepped = open();
    const checked = items(SCRIPT);
    const a = await taken.session.executeChanges(checked);
    const b = await stepped.session.executeChanges(checked.map(({ stmt, text }) => ({ stmt, text })));
    expect(a).toEqual(b);
    expect(a.ok && a.value.outcomes.length).toBe(3);
    expect(taken.executor.done).toEqual(stepped.executor.done);
  });

  it("are taken as checked only from that very timeline; from any other the Session steps them", async () => {
    const [ns, link] = items(SCRIPT);
    const other = items("ns Z Y\nlink Z <-> Y 10.9.0.0/24");
    if (!ns?.planned || !link?.planned || !other[1]?.planned) throw new Error("not planned");
    // A stand-in transition (another script's link) says which way the Session went.
    const standIn = other[1].planned.transition;
    const { session } = open();
    const first = await session.executeChanges([
      { ...ns, planned: { before: emptyTimeline, transition: ns.planned.transition } },
      { ...link, planned: { before: ns.planned.transition.next, transition: standIn } },
    ]);
    expect(first.ok && first.value.outcomes.map((o) => o.kind === "change" && o.summary)).toEqual([
      ns.planned.transition.summary,
      standIn.summary,
    ]);
    const { session: fresh } = open();
    const second = await fresh.executeChanges([
      ns,
      { ...link, planned: { before: { ...ns.planned.transition.next }, transition: standIn } },
    ]);
    expect(second.ok && second.value.outcomes.map((o) => o.kind === "change" && o.summary)).toEqual([
      ns.planned.transition.summary,
      link.planned.transition.summary,
    ]);
  });
});
