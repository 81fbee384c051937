// A rollback that fails in part, reported object by object: on the line kernel, a Session's change
// is refused at a chosen line and chosen rollback lines are refused too. The error names each
// object in words with the exact command that would finish the job, and `netl down LAB` as the
// catch-all; a namespace left behind stays in the lab record, and teardown tries it again.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import { Driver } from "../../src/driver/driver.js";
import { renderError } from "../../src/present/render-error.js";
import { readRecord } from "../../src/runtime/lab-record.js";
import { LineKernel } from "../support/line-kernel.js";
import { type LineHook, RecordingExecutor } from "../support/recording-executor.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-rbr-");

const c = pc.createColors(false);

/** A Session on the line kernel; `netns add/del` also make and remove the name under netnsDir, as ip does. */
function open(refuse: LineHook) {
  const base = tempDir();
  const dirs = { runDir: join(base, "run"), netnsDir: join(base, "netns"), sysNetDir: join(base, "net") };
  for (const d of Object.values(dirs)) mkdirSync(d);
  const kernel = new LineKernel();
  const executor = new RecordingExecutor((ctx) => {
    const refused = refuse(ctx);
    if (refused !== undefined) return refused;
    const error = kernel.apply(ctx.ns, ctx.line);
    const [verb, op, name] = ctx.line.split(" ");
    if (error === undefined && verb === "netns" && op === "add") writeFileSync(join(dirs.netnsDir, name as string), "");
    if (error === undefined && verb === "netns" && op === "del") rmSync(join(dirs.netnsDir, name as string));
    return error;
  });
  const s = Driver.open({ lab: "t", prefix: "t", executor, ...dirs });
  if (!s.ok) throw new Error(s.error.message);
  return { session: s.value, kernel, runDir: dirs.runDir };
}

async function run(session: Driver, text: string) {
  const { program, errors } = parse(text);
  expect(errors).toEqual([]);
  return session.execute(program.statements[0] as Statement, text);
}

describe("a rollback that fails in part", () => {
  it("names the namespace it left behind with the command that removes it; the record keeps it; teardown retries", async () => {
    let busy = true;
    const { session, kernel, runDir } = open(({ ns, line, force }) => {
      if (!force && ns === "t-B" && line === "link set lo up") return "RTNETLINK answers: injected";
      if (force && busy && line === "netns del t-B") return "Cannot remove namespace file: Device or resource busy";
      return undefined;
    });
    expect((await run(session, "ns A")).ok).toBe(true);
    const failed = await run(session, "ns B");
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(renderError(failed.error, "ns B\n", "s.netl", c)).toBe(
      [
        "s.netl:1:1: error: the kernel refused: ip -n t-B link set lo up",
        "  ns B",
        "  ^^^^",
        "  kernel said: RTNETLINK answers: injected",
        "  the rollback failed at 1 step:",
        "    left behind: namespace t-B",
        "      remove it with: ip netns del t-B",
        "      kernel said: Cannot remove namespace file: Device or resource busy",
        "  hint: rolling back 2 steps failed in part: run the commands above, or take the whole lab down (its record lists everything it holds): netl down t",
      ].join("\n"),
    );
    expect(readRecord(runDir, "t")?.namespaces.map((n) => n.name)).toEqual(["t-A", "t-B"]);
    expect(session.namespaces).toEqual(["t-A", "t-B"]);
    busy = false;
    const closed = await session.close(false);
    expect(closed).toEqual({ removed: ["t-A", "t-B"], failures: [] });
    expect(kernel.snapshot()).toEqual({});
    expect(readRecord(runDir, "t")).toBeUndefined();
  });

  it("names what it could not put back, each with the command that would", async () => {
    const { session } = open(({ line, force }) => {
      if (!force && line === "netns del t-A") return "Cannot remove namespace file: Device or resource busy";
      if (force && line.startsWith("link add eth0 ")) return "RTNETLINK answers: injected";
      return undefined;
    });
    for (const text of ["ns A B", "link A <-> B 10.0.0.0/24"]) expect((await run(session, text)).ok).toBe(true);
    const failed = await run(session, "del A");
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    // The veth could not be put back, so neither could its ends be set up again (addresses: the line
    // kernel does not check the device).
    expect(renderError(failed.error, "del A\n", "s.netl", c)).toBe(
      [
        "s.netl:1:1: error: the kernel refused: ip netns del t-A",
        "  del A",
        "  ^^^^^",
        "  kernel said: Cannot remove namespace file: Device or resource busy",
        "  the rollback failed at 3 steps:",
        "    not put back: veth A:eth0 <-> B:eth0",
        "      put it back with: ip -n t-A link add eth0 type veth peer name eth0 netns t-B",
        "      kernel said: RTNETLINK answers: injected",
        "    not restored: A:eth0 up",
        "      restore it with: ip -n t-A link set eth0 up",
        "      kernel said: Cannot find device",
        "    not restored: B:eth0 up",
        "      restore it with: ip -n t-B link set eth0 up",
        "      kernel said: Cannot find device",
        "  hint: rolling back 5 steps failed in part: run the commands above, or take the whole lab down (its record lists everything it holds): netl down t",
      ].join("\n"),
    );
  });
});
