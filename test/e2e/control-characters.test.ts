// Issue 25 #2 through the CLI: a file whose spawn line hides a second command behind terminal codes
// (what a terminal shows is `spawn A true;`) is refused by check, plan and run alike, with the
// position of the first control character, its error printing no control byte; nothing runs.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findControls } from "../../grammar/index.js";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

const dir = mkdtempSync(join(tmpdir(), "netl-control-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(kernelTestsEnabled("control-characters.test.ts"))("control characters in a file", () => {
  it("check, plan and run refuse the hidden command where it is; it never runs", async () => {
    const touched = join(dir, "touched");
    const file = join(dir, "hidden.netl");
    // ESC[2K ESC[1G: erase the line and go back to its start, so a terminal shows only what follows.
    writeFileSync(file, `ns A\nspawn A touch ${touched}; \u001b[2K\u001b[1Gspawn A true;\n`);
    const lab = testPrefix("ctl");
    for (const args of [
      ["check", file],
      ["plan", file],
      ["run", "--lab", lab, "--prefix", lab, "--down", file],
    ]) {
      const r = await netl(args);
      expect(r.exitCode, args[0]).toBe(2);
      expect(r.stderr.split("\n")[0]).toBe(
        `${file}:2:${17 + touched.length}: error: control character U+001B (ESC) in netl source`,
      );
      expect(findControls(r.stdout + r.stderr)).toEqual([]);
      expect(r.stderr).toContain("\\x1b[2K\\x1b[1Gspawn A true;");
    }
    expect(existsSync(touched)).toBe(false);
    expect(netnsList().filter((n) => n.startsWith(lab))).toEqual([]);
  });

  it("a lone CR is refused at its line and column; CRLF files run", async () => {
    const cr = join(dir, "cr.netl");
    writeFileSync(cr, "ns A\rns B\n");
    const r = await netl(["check", cr]);
    expect(r.stderr.split("\n")[0]).toBe(`${cr}:1:5: error: a carriage return without a newline after it`);
    expect(r.exitCode).toBe(2);
    const crlf = join(dir, "crlf.netl");
    writeFileSync(crlf, "ns A B\r\nlink A <-> B 10.0.0.0/24\r\n");
    expect((await netl(["check", crlf])).exitCode).toBe(0);
  });
});
