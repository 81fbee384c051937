// scripts/netl.sh (dist/netl, the bin): node starts from the snapshot blob only when the node on PATH is
// the binary that made it and the blob is newer than that binary; otherwise, and for ls, clean and any
// `down` but the plain `down LAB` (netl-down.js), it runs netl.js. A stand-in blob, netl.js and
// netl-down.js say which ran and with what arguments.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "nlt-launcher-"));
const dist = join(dir, "dist");
const blob = join(dist, "netl.blob");
const keptBlob = join(dir, "kept.blob");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a stand-in reports of the CA variable and its carried copy (null: unset). */
const ENV_SEEN = "ca: process.env.NODE_EXTRA_CA_CERTS ?? null, carried: process.env.NETL_NODE_EXTRA_CA_CERTS ?? null";

/** A PATH whose first node is the one running the tests (the one that makes the blob). */
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;

beforeAll(() => {
  mkdirSync(dist);
  // As scripts/build.mjs writes it: the building node's path in place of @NODE@.
  const launcher = readFileSync(new URL("../../scripts/netl.sh", import.meta.url), "utf8");
  writeFileSync(
    join(dist, "netl"),
    launcher.replace("'@NODE@'", () => `'${process.execPath}'`),
    { mode: 0o755 },
  );
  writeFileSync(
    join(dist, "netl.js"),
    `process.stdout.write(JSON.stringify({ via: "js", args: process.argv.slice(2), ${ENV_SEEN} }));\n`,
  );
  writeDown();
  const entry = join(dir, "entry.cjs");
  writeFileSync(
    entry,
    `require("node:v8").startupSnapshot.setDeserializeMainFunction(() => process.stdout.write(JSON.stringify({ via: "blob", args: process.argv.slice(1), execArgv: process.execArgv, ${ENV_SEEN} })));\n`,
  );
  const made = spawnSync(process.execPath, ["--snapshot-blob", keptBlob, "--build-snapshot", entry]);
  expect(made.status).toBe(0);
});

interface Ran {
  readonly via?: string;
  readonly args?: string[];
  readonly execArgv?: string[];
  readonly ca?: string | null;
  readonly carried?: string | null;
  readonly status: number | null;
  readonly stderr: string;
}

function run(
  args: readonly string[],
  options: { bin?: string; cwd?: string; path?: string; env?: Record<string, string> } = {},
): Ran {
  const r = spawnSync(options.bin ?? join(dist, "netl"), args, {
    cwd: options.cwd ?? dir,
    encoding: "utf8",
    env: { PATH: options.path ?? PATH, ...options.env },
  });
  return { ...(r.stdout ? JSON.parse(r.stdout) : {}), status: r.status, stderr: r.stderr };
}

/** A stand-in netl-down.js that says it ran. */
function writeDown() {
  writeFileSync(
    join(dist, "netl-down.js"),
    `process.stdout.write(JSON.stringify({ via: "down", args: process.argv.slice(2), ${ENV_SEEN} }));\n`,
  );
}

/** A fresh copy of the blob, newer than the node binary. */
const freshBlob = () => copyFileSync(keptBlob, blob);

test("a blob made by the node on PATH: node starts from it, the user's options left to netl", () => {
  freshBlob();
  const r = run(["--version", "-i", "lab.netl", "--", "x"]);
  expect(r).toMatchObject({ via: "blob", args: ["--version", "-i", "lab.netl", "--", "x"], status: 0 });
  expect(r.execArgv).toEqual(["--snapshot-blob", blob]);
});

test("down, ls and clean run without the blob; `down LAB` alone runs netl-down.js, any other down netl.js", () => {
  freshBlob();
  expect(run(["down", "lab"])).toMatchObject({ via: "down", args: ["down", "lab"], status: 0 });
  for (const args of [
    ["down"],
    ["down", "--help"],
    ["down", "-h"],
    ["down", "a", "b"],
    ["ls"],
    ["clean"],
    ["ls", "--json"],
  ])
    expect(run(args)).toMatchObject({ via: "js", args });
  // A dist/ from before netl-down (or a copy without it): netl.js, as before.
  rmSync(join(dist, "netl-down.js"));
  try {
    expect(run(["down", "lab"])).toMatchObject({ via: "js", args: ["down", "lab"] });
  } finally {
    writeDown();
  }
});

test("no blob: netl.js, with the same arguments", () => {
  rmSync(blob, { force: true });
  expect(run(["check", "--help"])).toMatchObject({ via: "js", args: ["check", "--help"], status: 0 });
});

test("a blob older than the node binary (node upgraded in place) is not used", () => {
  freshBlob();
  const before = new Date(statSync(process.execPath).mtimeMs - 60_000);
  utimesSync(blob, before, before);
  expect(run(["check"]).via).toBe("js");
});

test("NODE_OPTIONS set (V8 options in it make node refuse the blob): netl.js", () => {
  freshBlob();
  expect(run(["check"], { env: { NODE_OPTIONS: "--max-old-space-size=200" } }).via).toBe("js");
  expect(run(["check"], { env: { NODE_OPTIONS: "" } }).via).toBe("blob");
});

test("another node first on PATH (the blob would not load on it): netl.js on that node", () => {
  freshBlob();
  const other = join(dir, "other-node");
  mkdirSync(other, { recursive: true });
  writeFileSync(join(other, "node"), `#!/bin/sh\nexec '${process.execPath}' "$@"\n`);
  chmodSync(join(other, "node"), 0o755);
  expect(run(["check"], { path: `${other}:${PATH}` }).via).toBe("js");
});

test("through a link (npm links bins), called by a relative path: the blob beside the real file, by absolute path", () => {
  freshBlob();
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  rmSync(join(bin, "netl"), { force: true });
  symlinkSync("../dist/netl", join(bin, "netl"));
  const r = run(["check"], { bin: "bin/netl", cwd: dir });
  expect(r).toMatchObject({ via: "blob", execArgv: ["--snapshot-blob", blob] });
  // Called as dist/netl from its parent: still an absolute path, for the rootless sandbox's restart.
  expect(run(["check"], { bin: "dist/netl", cwd: dir }).execArgv).toEqual(["--snapshot-blob", blob]);
});

test("no node on PATH: says so, exit 127", () => {
  const r = run(["check"], { path: join(dir, "nowhere") });
  expect(r.status).toBe(127);
  expect(r.stderr).toContain("no node on PATH");
});

test("NODE_EXTRA_CA_CERTS: node starts without it (it would read the file first thing), the value carried for netl to put back", () => {
  freshBlob();
  const env = { NODE_EXTRA_CA_CERTS: join(dir, "no-such-ca.pem") };
  for (const args of [["check"], ["ls"], ["down", "lab"]]) {
    const r = run(args, { env });
    expect(r, args.join(" ")).toMatchObject({ ca: null, carried: env.NODE_EXTRA_CA_CERTS, status: 0 });
    // A node that read it would warn that the file is not there.
    expect(r.stderr).toBe("");
  }
  expect(run(["check"], { env: { NODE_EXTRA_CA_CERTS: "" } })).toMatchObject({ ca: null, carried: "" });
  expect(run(["check"])).toMatchObject({ ca: null, carried: null });
});

test("node found as `command -v` finds it: a directory or a file that is not executable named node is passed over", () => {
  freshBlob();
  const notNode = join(dir, "not-node");
  mkdirSync(join(notNode, "a", "node"), { recursive: true });
  mkdirSync(join(notNode, "b"), { recursive: true });
  writeFileSync(join(notNode, "b", "node"), "not a program", { mode: 0o644 });
  const path = `${join(notNode, "a")}:${join(notNode, "b")}:${PATH}`;
  expect(run(["check"], { path })).toMatchObject({ via: "blob", status: 0 });
  // An empty entry is the current directory, for the shell and so for netl.
  const here = join(dir, "here");
  mkdirSync(here, { recursive: true });
  writeFileSync(join(here, "node"), '#!/bin/sh\necho \'{"via":"cwd"}\'\n', { mode: 0o755 });
  expect(run(["check"], { path: `:${PATH}`, cwd: here })).toMatchObject({ via: "cwd", status: 0 });
});
