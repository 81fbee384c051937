// The namespace maker SIGKILLed halfway through its batch (runtime/netns-batch.ts): it reports no line, but
// the namespaces it made are in the lab's journal, and the change's rollback takes them back. Before, a
// report that named no line meant "nothing was done": those namespaces stayed, the lab's record did not
// list them, and `netl down` left them behind.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { netnsArgv } from "../../src/runtime/netns-helper.js";
import { isRoot, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";
import { tempDirs } from "../support/temp-dirs.js";

const temp = tempDirs("netl-maker-killed-");
const P = testPrefix("mkil");
const perl = netnsArgv(false, "/nonexistent") !== undefined;
/** Above Linux's largest pid_max: never a running process. */
const DEAD_PID = 4_194_305;
const mine = () => netnsList().filter((n) => n.startsWith(`${P}-`));

afterAll(() => {
  for (const ns of mine()) execFileSync("ip", ["netns", "del", ns]);
});

describe.runIf(perl && isRoot)("a namespace maker killed halfway", () => {
  it("its namespaces are rolled back: nothing is left, before or after netl down", async () => {
    const dir = temp();
    const real = execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim();
    // The maker (its journal, LAB.made, last on its command line) reads MAKER_LINES lines, makes what
    // they say, and is then killed; every other perl runs as it is.
    writeFileSync(
      join(dir, "perl"),
      `#!/bin/sh\ncase "$*" in *.made)\n  head -n "$MAKER_LINES" | ${real} "$@"\n  kill -9 $$;;\nesac\nexec ${real} "$@"\n`,
    );
    chmodSync(join(dir, "perl"), 0o755);
    const runDir = join(dir, "run");
    const env = { PATH: `${dir}:${process.env.PATH}`, NETL_RUN_DIR: runDir, MAKER_LINES: "4" };
    const script = join(dir, "six.netl");
    writeFileSync(script, "ns a b c d e f\nlink a <-> b 10.0.1.0/24\n");
    const r = await netl(["run", "--prefix", P, "--lab", P, script], { env });
    expect(r.exitCode, r.stderr).not.toBe(0);
    expect(r.stderr).toContain("ns a b c d e f");
    expect(mine()).toEqual([]);
    const down = await netl(["down", P], { env });
    expect(down.exitCode, down.stderr).not.toBe(0); // no such lab: nothing was left up
    expect(mine()).toEqual([]);
    expect(existsSync(runDir) ? readdirSync(runDir) : []).toEqual([]);
  });

  it("killed with netl between a name's file and its mount: netl down removes that very file, no other", async () => {
    const runDir = join(temp(), "run");
    mkdirSync(runDir);
    const lab = `${P}-lab`;
    const [mine1, other] = [`${P}-y`, `${P}-z`];
    // What the two leave: the record written before the batch, the maker's lines (a namespace that
    // died with it; the name's file, made aside and linked at the name) and the files at the names.
    writeFileSync(
      join(runDir, `${lab}.json`),
      `${JSON.stringify({ version: 2, lab, pid: DEAD_PID, updated: new Date().toISOString(), namespaces: [] })}\n`,
    );
    const lines = [mine1, other].map((name) => {
      writeFileSync(`/run/netns/${name}`, "");
      const file = lstatSync(`/run/netns/${name}`);
      return `${name} 4 4026532000 17 ${file.dev} ${name === other ? file.ino + 1 : file.ino}\n`;
    });
    writeFileSync(join(runDir, `${lab}.made`), lines.join(""));
    try {
      const down = await netl(["down", lab], { env: { NETL_RUN_DIR: runDir } });
      expect(down.stderr).toContain(`left namespace ${other} alone`);
      expect(existsSync(`/run/netns/${mine1}`)).toBe(false);
      expect(existsSync(`/run/netns/${other}`)).toBe(true);
    } finally {
      rmSync(`/run/netns/${other}`, { force: true });
    }
  });

  // The maker killed by strace at the Nth `write` to its journal, `linkat` or `mount` (each counted on its
  // own), before it runs: the `mount` that makes /run/netns shared comes first, then for each namespace its
  // journal line, its name's file linked, its mount. Killed alone, netl takes the change back; killed with
  // netl (which then does nothing more), `netl down` removes what was made. Either way nothing is left.
  const strace = execFileSync("sh", ["-c", "command -v strace || true"], { encoding: "utf8" }).trim();
  // Skipped only outside CI: CI installs strace (.ci/run, scripts/setup.sh), and a missing one fails there.
  it.runIf(strace !== "" || process.env.CI === "true")(
    "killed at each point of a namespace's making, alone or with netl, it leaves nothing",
    async () => {
      expect(strace, "strace is not installed (scripts/setup.sh installs it)").not.toBe("");
      const dir = temp();
      const real = execFileSync("sh", ["-c", "command -v perl"], { encoding: "utf8" }).trim();
      writeFileSync(
        join(dir, "perl"),
        [
          "#!/bin/sh",
          'case "$*" in *.made)',
          // The journal, its last argument: the writes counted are those to it.
          '  for journal; do :; done; [ "$KILL_AT" = write ] && only="-P $journal" || only=',
          `  ${strace} -f -qq -o /dev/null $only -e trace="$KILL_AT" -e inject="$KILL_AT":signal=KILL:when="$KILL_WHEN" ${real} "$@"`,
          "  status=$?",
          '  [ -n "$KILL_NETL" ] && kill -KILL "$PPID"',
          '  exit "$status";;',
          "esac",
          `exec ${real} "$@"`,
          "",
        ].join("\n"),
      );
      chmodSync(join(dir, "perl"), 0o755);
      const runDir = join(dir, "run");
      const script = join(dir, "six.netl");
      writeFileSync(script, "ns a b c d e f\nlink a <-> b 10.0.1.0/24\n");
      const names = ["a", "b", "c", "d", "e", "f"].map((n) => `${P}-${n}`);
      const points = [
        ...(["linkat 1", "mount 2", "write 2"] as const).map((call) => ({ call, withNetl: false })),
        ...(
          [
            "write 1",
            "linkat 1",
            "mount 2",
            "write 2",
            "linkat 2",
            "mount 3",
            "write 3",
            "linkat 3",
            "mount 4",
          ] as const
        ).map((call) => ({ call, withNetl: true })),
      ];
      for (const { call, withNetl } of points) {
        const [syscall, when] = call.split(" ");
        const env = {
          PATH: `${dir}:${process.env.PATH}`,
          NETL_RUN_DIR: runDir,
          KILL_AT: syscall,
          KILL_WHEN: when,
          ...(withNetl ? { KILL_NETL: "1" } : {}),
        };
        const at = `${call}${withNetl ? ", netl killed too" : ""}`;
        const r = await netl(["run", "--prefix", P, "--lab", P, script], { env });
        expect(r.exitCode, `${at}: ${r.stderr}`).not.toBe(0);
        if (withNetl) await netl(["down", P], { env: { NETL_RUN_DIR: runDir } });
        else expect(r.stderr, at).toContain("ns a b c d e f");
        expect(mine(), at).toEqual([]);
        expect(
          names.filter((n) => existsSync(`/run/netns/${n}`)),
          at,
        ).toEqual([]);
        expect(existsSync(runDir) ? readdirSync(runDir) : [], at).toEqual([]);
      }
    },
    60_000,
  );
});
