// cli/remove-lab.ts when the teardown helper leaves names unanswered (it died) or could not delete them:
// `ip -batch` deletes those, still only what is the lab's at that moment; a bystander bound at one of
// their names meanwhile is left alone. Real namespaces, a stand-in helper.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { afterAll, describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { removeLab } from "../../src/cli/remove-lab.js";
import type { NsId } from "../../src/runtime/identity.js";
import type { LabRecord } from "../../src/runtime/lab-record.js";
import type { Deleter, Deletion } from "../../src/runtime/netns-del.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";

const prefix = testPrefix("rmfb");
const mine = () => netnsList().filter((n) => n.startsWith(`${prefix}-`));
const runDir = mkdtempSync(join(tmpdir(), "netl-rmfb-"));

const add = (name: string): NsId => {
  execFileSync("ip", ["netns", "add", name]);
  const s = lstatSync(`/run/netns/${name}`, { bigint: true });
  return { name, dev: Number(s.dev), ino: Number(s.ino), born: Number(s.ctimeNs / 1000n) };
};

/** A helper that answers what it is told to, deleting nothing; `before` runs as it is asked. */
const standIn = (answers: Record<string, Deletion>, before = () => {}): Deleter => ({
  held: undefined,
  remove: async () => {
    before();
    return new Map(Object.entries(answers));
  },
  close: () => {},
});

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), c: pc.createColors(false) } as Io;
  return { io, out, err };
};

describe.runIf(kernelTestsEnabled("remove-lab-fallback.test.ts"))("removeLab past its helper", () => {
  afterAll(() => {
    for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
    rmSync(runDir, { recursive: true, force: true });
  });

  it("names the helper left unanswered or failed go by ip; a bystander at one of them stays", async () => {
    const lab = `${prefix}-a`;
    const ids = ["n1", "n2", "n3", "n4"].map((n) => add(`${lab}-${n}`));
    const [n1, n2, n3, n4] = ids as [NsId, NsId, NsId, NsId];
    const record: LabRecord = { version: 2, lab, pid: 1, updated: "", namespaces: ids } as LabRecord;
    const { io, out, err } = capture();
    // n1 gone already (the helper's word), n2 failed, n3 and n4 unanswered; n4 is replaced by a
    // bystander after the helper answered, before ip runs.
    const helper = standIn({ [n1.name]: { kind: "gone" }, [n2.name]: { kind: "failed", why: "test" } }, () => {
      execFileSync("ip", ["netns", "del", n1.name]);
      execFileSync("ip", ["netns", "del", n4.name]);
      execFileSync("ip", ["netns", "add", n4.name]);
    });
    const code = await removeLab(runDir, lab, record, io, helper);
    expect(code, err.join("\n")).toBe(0);
    expect(out.join("\n")).toContain(`removed lab '${lab}' (3 namespaces)`);
    expect(err.join("\n")).toMatch(`left namespace ${n4.name} alone: it is not the one lab '${lab}' made`);
    expect(mine()).toEqual([n4.name]);
    expect(mine()).not.toContain(n2.name);
    expect(mine()).not.toContain(n3.name);
  });

  it("what the helper found to be something else is said and left, and not deleted by ip either", async () => {
    const lab = `${prefix}-b`;
    const n1 = add(`${lab}-n1`);
    const record: LabRecord = { version: 2, lab, pid: 1, updated: "", namespaces: [n1] } as LabRecord;
    const { io, out, err } = capture();
    const helper = standIn({ [n1.name]: { kind: "other", now: { dev: n1.dev, ino: n1.ino + 1, born: 1 } } });
    expect(await removeLab(runDir, lab, record, io, helper)).toBe(0);
    expect(out.join("\n")).toContain(`removed lab '${lab}' (0 namespaces)`);
    expect(err.join("\n")).toMatch(`left namespace ${n1.name} alone: it is not the one lab '${lab}' made`);
    expect(mine()).toContain(n1.name);
  });
});
