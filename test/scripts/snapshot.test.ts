// dist/netl (the bin) starts node from the start-up snapshot dist/netl.blob: the same program as
// dist/netl.js, so the same output, errors and exit status; what is read at start (arguments, standard
// input, import.meta.url for the lessons, packages outside the bundle) is read at start, not at build.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { testPrefix } from "../support/kernel.js";

const root = new URL("../..", import.meta.url).pathname;
const bin = join(root, "dist", "netl");
const blob = join(root, "dist", "netl.blob");
const runDir = mkdtempSync(join(tmpdir(), "nlt-snapshot-"));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

const run = (argv: readonly string[], input = "") => {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", NETL_RUN_DIR: runDir },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test("the build made the blob, and the bin starts node from it", () => {
  expect(existsSync(blob)).toBe(true);
  const r = spawnSync("sh", ["-x", bin, "--version"], { encoding: "utf8" });
  expect(r.stderr).toContain(`--snapshot-blob ${blob} -- --version`);
});

const cases: { args: string[]; input?: string }[] = [
  { args: ["--version"] },
  { args: ["--help"] },
  { args: ["check", "examples/two-hosts.netl", "examples/routed.netl"] },
  { args: ["plan", "--prefix", "p", "examples/routed.netl"] },
  { args: ["check", "-"], input: "ns A\nlink A <-> B 10.0.0.0/24\n" },
  { args: ["check", "-"], input: "ns A\nlnk A <-> B\n" },
  { args: ["check", "no-such-file.netl"] },
  { args: ["frobnicate"] },
  { args: ["tutorial", "--list", "--lang", "en"] },
  // yaml and @viz-js/viz are not in the bundle: required from node_modules at run time.
  { args: ["export", "--format", "containerlab", "examples/two-hosts.netl"] },
  { args: ["graph", "--format", "svg", "examples/two-hosts.netl"] },
];

test.each(cases)("netl $args: the snapshot gives what dist/netl.js gives", ({ args, input }) => {
  const js = run(["node", join(root, "dist", "netl.js"), ...args], input);
  expect(run([bin, ...args], input)).toEqual(js);
  // And node started from the blob itself, in case the bin chose netl.js.
  expect(run(["node", "--snapshot-blob", blob, "--", ...args], input)).toEqual(js);
});

test("the REPL (node:repl, which needs console.Console) starts and ends", () => {
  const args = ["--prefix", testPrefix("snap"), "--lab", testPrefix("snap")];
  const js = run(["node", join(root, "dist", "netl.js"), ...args], "# nothing\n");
  expect(js.status).toBe(0);
  expect(run(["node", "--snapshot-blob", blob, "--", ...args], "# nothing\n")).toEqual(js);
});
