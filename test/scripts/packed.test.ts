// The package as `npm pack` makes it, run from where it unpacks, through a link to its bin as npm makes
// one: the files the bundle loads from beside it when first asked (yaml, execa, the lessons) must be in
// the tarball, or only a packed install would fail, and only when a command asks. Each command gives the
// same from the start-up snapshot (made for this node in a cache of the test's own) as from the bundle.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "nlt-packed-"));
const pkg = join(work, "package");
const link = join(work, "bin", "netl");
const home = join(work, "home");
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (argv: readonly string[], input = "", env: Record<string, string> = {}) => {
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: work,
    input,
    encoding: "utf8",
    env: { PATH, HOME: home, NO_COLOR: "1", ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** What the tarball holds, less its `package/` folder. */
let packed: string[] = [];

beforeAll(() => {
  // The dist/ the build made (prepack would build it again, under other tests' feet).
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
    cwd: root,
    encoding: "utf8",
  });
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]?.filename ?? "");
  expect(spawnSync("tar", ["xzf", tarball, "-C", work]).status).toBe(0);
  packed = spawnSync("tar", ["tzf", tarball], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((f) => f !== "")
    .map((f) => f.replace(/^package\//, ""));
  mkdirSync(dirname(link), { recursive: true });
  mkdirSync(home, { recursive: true });
  symlinkSync(join(pkg, "dist", "netl"), link);
  // The snapshot for this node, made now rather than in the background by the first start.
  const fingerprint = /^fingerprint='([0-9a-f]{16})'$/m.exec(readFileSync(join(pkg, "dist", "netl"), "utf8"))?.[1];
  const blob = `${join(home, ".cache", "netl", `${fingerprint}${process.execPath}`)}.blob`;
  expect(run([process.execPath, join(pkg, "dist", "snapshot.js"), blob, process.execPath, home, "--now"]).status).toBe(
    0,
  );
  expect(existsSync(blob)).toBe(true);
}, 120_000);

test("the tarball holds every file the bundle requires from beside it", () => {
  const bundle = readFileSync(join(pkg, "dist", "netl.js"), "utf8");
  const beside = [...bundle.matchAll(/createRequire\(__netlWhere\.bundle\)\("\.\/([^"]+)"\)/g)].map((m) => m[1]);
  expect(beside.sort()).toEqual(["netl-execa.cjs", "netl-yaml.cjs"]);
  for (const file of beside) expect(packed).toContain(`dist/${file}`);
  // And each is the library it stands for.
  const execa = run([
    process.execPath,
    "-p",
    `typeof require(${JSON.stringify(join(pkg, "dist", "netl-execa.cjs"))}).execa`,
  ]);
  expect(execa.stdout).toBe("function\n");
});

const cases: { args: string[]; input?: string; env?: Record<string, string> }[] = [
  { args: ["check", "-"], input: "ns A B\nlink A <-> B 10.0.0.0/24\n" },
  { args: ["check", "-"], input: "ns A\nlnk A <-> B\n", env: { LANG: "zh_CN.UTF-8" } },
  { args: ["tutorial", "--list", "--lang", "zh"] },
  { args: ["tutorial", "--lang", "zh", "99"] },
  { args: ["export", "--format", "containerlab", "-"], input: "ns A B\nlink A <-> B 10.0.0.0/24\n" },
];

test.each(cases)("netl $args from the unpacked package: as its bundle gives it", ({ args, input, env }) => {
  const js = run([process.execPath, join(pkg, "dist", "netl.js"), ...args], input, env);
  expect(js.status).not.toBe(70);
  expect(js.stdout + js.stderr).not.toBe("");
  expect(js.stdout + js.stderr).not.toMatch(/Cannot find module|internal error/);
  const bin = run([link, ...args], input, env);
  expect(bin).toEqual(js);
});

test("the zh words are there: a wrong lesson is said in Chinese, a checked file in English", () => {
  expect(run([link, "tutorial", "--lang", "zh", "99"]).stderr).toMatch(/^没有第 99 课/);
  expect(run([link, "check", "-"], "ns A B\n").stdout).toBe("-: ok (1 statement)\n");
});

test("through the link, node starts from the snapshot made for it", () => {
  const r = spawnSync("sh", ["-x", link, "--version"], { encoding: "utf8", env: { PATH, HOME: home } });
  expect(r.stdout).toBe(run([process.execPath, join(pkg, "dist", "netl.js"), "--version"]).stdout);
  expect(r.stderr).toContain(`--snapshot-blob ${join(home, ".cache", "netl")}`);
  expect(r.stderr).toContain(` ${join(pkg, "dist", "netl.js")} --version`);
});
