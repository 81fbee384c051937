#!/usr/bin/env node
// `npm run bench`: netl against shell baselines and the floor (floor.c: the same chain in one process,
// raw rtnetlink, compiled with the machine's `cc`) on the real kernel (as root). Prints a table, or JSON
// with --json. Options: --runs K (default 3), --teardown-runs K (default 15; the teardown target's rounds),
// --sizes 10,100,250,1000,5000 (default 10,100,250), --quick (sizes 10,100; 3 runs), --builders
// netl,floor,hand,perstep,mininet (default: all there are), --chain-only (the chain tables alone), --base
// PATH (another netl's bin, e.g. main's dist/netl, built and torn down beside netl in every round: A/B),
// --shapes star[:N],grid[:K] (shapes.mjs: a star of hosts on switches, a grid of routers, both with
// `route auto`; opt-in, large; without --sizes, the shapes alone), --check-max N (the floor's lab is
// checked against netl's only up to N; a note says where it was not).
// Mininet is a column when its Python API is installed. Before the floor's times count, its kernel state
// is checked against netl's for each N (state.mjs); a difference fails the bench.
// Everything it creates is named nlb<pid>…; it removes all of it at the end, also on failure or Ctrl-C.
// No test asserts these times: they are measurements, kept in docs/BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { nativeText } from "../native-text.mjs";
import { compileFloor, nodeAsNetlStarts, settle } from "./floor.mjs";
import { render, targets } from "./report.mjs";
import { chainScript, net, parseShape, renderShapes, runShapes } from "./shapes.mjs";
import { labView, viewDifferences } from "./state.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
// The bin users run (package.json "bin"): dist/netl starts node from the start-up snapshot when it can.
const netl = join(root, "dist", "netl");
const args = process.argv.slice(2);
const VALUED = ["--runs", "--teardown-runs", "--sizes", "--builders", "--base", "--shapes", "--check-max"];
const FLAGS = ["--json", "--quick", "--chain-only"];
if (args.includes("--help")) {
  console.log(
    `npm run bench [-- ${FLAGS.map((f) => `[${f}]`).join(" ")} ${VALUED.map((v) => `[${v} …]`).join(" ")}] (the head of scripts/bench/run.mjs says what each means)`,
  );
  process.exit(0);
}
for (let i = 0; i < args.length; i++) {
  if (VALUED.includes(args[i])) i++;
  else if (!FLAGS.includes(args[i] ?? "")) {
    console.error(`npm run bench: unknown option ${args[i]} (--help lists them)`);
    process.exit(2);
  }
}
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const json = flag("--json");
// One run per size is allowed for the chain alone: the scale curve at 1 000–10 000 takes minutes a round.
const runs = Math.max(flag("--chain-only") ? 1 : 3, Number(value("--runs", "3")));
const teardownRuns = Math.max(3, Number(value("--teardown-runs", "15")));
const shapes = (value("--shapes", "") || undefined)?.split(",").map(parseShape) ?? [];
const badShape = shapes.find((s) => typeof s === "string");
if (badShape !== undefined) {
  console.error(`--shapes: ${badShape}`);
  process.exit(2);
}
// --shapes without --sizes: the shapes alone, none of the chain's parts.
const shapesOnly = shapes.length > 0 && !flag("--sizes");
const sizes = shapesOnly
  ? []
  : value("--sizes", flag("--quick") ? "10,100" : "10,100,250")
      .split(",")
      .map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 65536)) {
  console.error("--sizes: whole numbers from 2 to 65536, comma-separated");
  process.exit(2);
}
const chainOnly = flag("--chain-only") || shapesOnly;
// The floor's lab is checked against netl's at every N up to this: at 10 000 the check reads 20 000
// namespaces, about half an hour here, for the same code the smaller sizes checked.
const checkMax = Number(value("--check-max", String(Number.POSITIVE_INFINITY)));
if (Number.isNaN(checkMax)) {
  console.error("--check-max: a number of nodes");
  process.exit(2);
}
// A/B: another netl (its bin), run exactly as netl is, alternating with it in every round.
const base = value("--base", undefined);
const BUILDERS = ["netl", "floor", "hand", "perstep", "mininet"];
const asked = value("--builders", BUILDERS.join(",")).split(",");
if (!asked.includes("netl") || asked.some((b) => !BUILDERS.includes(b))) {
  console.error(`--builders: netl and any of ${BUILDERS.slice(1).join(", ")}`);
  process.exit(2);
}
if (process.getuid?.() !== 0) {
  console.error("npm run bench needs root: it builds network namespaces");
  process.exit(2);
}
// The underscore ends the prefix: no other running bench (another pid) has a prefix that starts with it.
const prefix = `nlb${process.pid}_`;
const work = mkdtempSync(join(tmpdir(), `${prefix}-`));
const runDir = join(work, "run");
mkdirSync(runDir);
const env = { ...process.env, NETL_RUN_DIR: runDir, NO_COLOR: "1" };
// dist/netl starts netl's node without NODE_EXTRA_CA_CERTS (node reads that file as it starts, at a cost
// docs/BENCHMARKS.md gives; scripts/netl.sh). The targets compare with `node -e ''` as this machine runs it, variable and
// all; when the variable is set, Node started as netl's is (without it) is measured too, like for like.
// The chain table's Node column is always Node started as netl's is.
const caSet = process.env.NODE_EXTRA_CA_CERTS !== undefined;
const likeNetl = nodeAsNetlStarts(env);
const nodeStart = () => timed([likeNetl.bin, "-e", ""], { env: likeNetl.env });
const log = (s) => {
  if (!json) process.stderr.write(`${s}\n`);
};

// ---- clean-up: only what this run made (namespaces named PREFIX…-, its own run dir) ----
function cleanup() {
  const listed = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "";
  const mine = listed
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n?.startsWith(prefix));
  if (mine.length > 0)
    spawnSync("ip", ["-force", "-batch", "-"], { input: mine.map((n) => `netns del ${n}\n`).join("") });
  rmSync(work, { recursive: true, force: true });
}
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
for (const [sig, number] of Object.entries(SIGNAL_NUMBERS))
  process.on(sig, () => {
    cleanup();
    process.exit(128 + number);
  });
// Its output's reader gone (`npm run bench | head`): the next line written ends the run, cleaned up.
const SIGPIPE_EXIT = 141;
for (const stream of [process.stdout, process.stderr])
  stream.on("error", () => {
    cleanup();
    process.exit(SIGPIPE_EXIT);
  });

// ---- helpers ----
const ms = () => performance.now();
function run(argv, options = {}) {
  // netl run prints a line a change: a 10 000-node chain or a grid's routes print megabytes, which
  // spawnSync's default buffer (1 MiB) would answer by killing netl mid-build.
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", env, maxBuffer: 1 << 30, ...options });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r;
}
function timed(argv, options) {
  const t = ms();
  run(argv, options);
  return ms() - t;
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], n: s.length };
};

/**
 * Ready: two pings, one from each end. A reply leaves with the kernel's default TTL (64), so a ping
 * crosses at most 60 hops: n0 pings n(min(N-1, 60)); n(N-1) pings n(N-2) across the last link. Each
 * sends a probe every 0.2 s until one is answered (at most 5 s): right after a build a veth may not have
 * its carrier yet (the kernel reports it asynchronously), and a probe sent then is lost.
 */
function ready(p, n) {
  const k = Math.min(n - 1, 60);
  const ping = ["ping", "-c1", "-w5", "-i0.2"];
  run(["ip", "netns", "exec", `${p}-n0`, ...ping, "-t255", `${net(k - 1)}.2`]);
  run(["ip", "netns", "exec", `${p}-n${n - 1}`, ...ping, `${net(n - 2)}.1`]);
}

/** A Python that has Mininet's API (the apt package installs it for /usr/bin/python3), or undefined. */
const mininetPython = ["/usr/bin/python3", "python3"].find(
  (py) => spawnSync(py, ["-c", "import mininet.net"], { stdio: "ignore" }).status === 0,
);
const hasMn = mininetPython !== undefined;
const MININET_MAX = 2000;

/** One variant: build, ready, teardown; returns ms for build-to-ready and teardown. */
function variant(name, n, k) {
  const p = `${prefix}${name[0]}${k}`;
  if (name === "node") return { start: Array.from({ length: NODE_STARTS }, nodeStart) };
  if (name === "floor") {
    const t0 = ms();
    run([floor, "build", String(n), p]);
    const made = ms() - t0;
    ready(p, n);
    const build = ms() - t0;
    const teardown = timed([floor, "teardown", String(n), p]);
    return { build, teardown, process: made, ready: build - made };
  }
  if (name === "netl" || name === "base") {
    const bin = name === "netl" ? netl : base;
    const file = join(work, `chain-${n}.netl`);
    const t0 = ms();
    run([bin, "run", "--prefix", p, "--lab", p, file]);
    ready(p, n);
    const build = ms() - t0;
    const teardown = timed([bin, "down", p]);
    return { build, teardown };
  }
  if (name === "mininet") {
    // The same chain through Mininet's API (scripts/bench/mininet-chain.py): it times its own net.stop().
    const t0 = ms();
    const r = run([mininetPython, join(here, "mininet-chain.py"), String(n)]);
    const total = ms() - t0;
    const { teardown } = JSON.parse(r.stdout.trim().split("\n").pop());
    return { build: total - teardown, teardown };
  }
  const script = join(here, name === "hand" ? "hand-optimal.sh" : "one-ip-per-step.sh");
  const t0 = ms();
  run(["bash", script, "build", String(n), p]);
  ready(p, n);
  const build = ms() - t0;
  const teardown = timed(["bash", script, "teardown", String(n), p]);
  return { build, teardown };
}

/**
 * Before the floor's times count: netl's chain of N and the floor's, each built and ready, have the same
 * kernel state (state.mjs), or the bench stops here.
 */
async function checkFloor(n) {
  const names = (p) => Array.from({ length: n }, (_, i) => `${p}-n${i}`);
  const [pn, pf] = [`${prefix}cn`, `${prefix}cf`];
  log(`chain ${n}: checking that the floor builds netl's lab`);
  run([netl, "run", "--prefix", pn, "--lab", pn, join(work, `chain-${n}.netl`)]);
  ready(pn, n);
  const netlView = await labView(pn, names(pn));
  run([netl, "down", pn]);
  settle(n);
  run([floor, "build", String(n), pf]);
  ready(pf, n);
  const floorView = await labView(pf, names(pf));
  run([floor, "teardown", String(n), pf]);
  settle(n);
  const differences = viewDifferences(netlView, floorView, ["netl", "floor"]);
  if (differences.length > 0)
    throw new Error(`the floor's chain-${n} is not netl's (first differences):\n  ${differences.join("\n  ")}`);
  const lines = [...netlView.values()].reduce((a, l) => a + l.length, 0);
  return { namespaces: netlView.size, lines };
}

const result = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: spawnSync("uname", ["-r"], { encoding: "utf8" }).stdout.trim(),
    node: process.version,
    iproute2: spawnSync("ip", ["-V"], { encoding: "utf8" }).stdout.trim(),
  },
  runs,
  chain: [],
  notes: [],
};
// Node's start is short and noisy: a few in each round.
const NODE_STARTS = 3;

let floor; // floor.c's binary, once compiled

try {
  const compiled =
    asked.includes("floor") && !shapesOnly ? compileFloor(work) : { note: "floor: not among --builders" };
  floor = compiled.path;
  if (compiled.note) result.notes.push(compiled.note);

  // ---- chain: build-to-ready and teardown, variants alternating within each run ----
  const names = asked.filter((b) => (b !== "mininet" || hasMn) && (b !== "floor" || floor !== undefined));
  names.push("node");
  if (base !== undefined) names.push("base");
  if (!hasMn && asked.includes("mininet"))
    result.notes.push(
      "mininet: no Python with Mininet's API (apt-get install --no-install-recommends mininet): Mininet column skipped",
    );
  for (const n of sizes) {
    writeFileSync(join(work, `chain-${n}.netl`), chainScript(n));
    // Mininet's chain is timed to MININET_MAX nodes (issue 23's curve): above that it takes many minutes a run.
    const atN = names.filter((v) => v !== "mininet" || n <= MININET_MAX);
    if (atN.length < names.length)
      result.notes.push(`mininet: not run at N = ${n} (the curve takes it to ${MININET_MAX})`);
    const checked = floor !== undefined && n <= checkMax;
    if (floor !== undefined && !checked)
      result.notes.push(`floor: its lab not checked against netl's at N = ${n} (--check-max ${checkMax})`);
    const check = checked ? await checkFloor(n) : undefined;
    const times = Object.fromEntries(
      atN.map((v) => [v, { build: [], teardown: [], process: [], ready: [], start: [] }]),
    );
    for (let k = 0; k < runs; k++) {
      const order = k % 2 === 0 ? atN : [...atN].reverse();
      for (const v of order) {
        log(`chain ${n}: ${v} run ${k + 1}/${runs}`);
        const r = variant(v, n, k);
        log(`chain ${n}: ${v} ${JSON.stringify(r)}`);
        for (const [key, x] of Object.entries(r)) times[v][key].push(...[x].flat());
        if (r.teardown !== undefined) settle(n);
      }
    }
    const row = { n, statements: chainScript(n).trim().split("\n").length, ...(check ? { check } : {}) };
    for (const v of atN)
      row[v] = Object.fromEntries(
        Object.entries(times[v])
          .filter(([, xs]) => xs.length > 0)
          .map(([key, xs]) => [key, stats(xs)]),
      );
    const per = (a, b, key) => (row[a] && row[b] ? row[a][key].median / row[b][key].median : undefined);
    row.ratio = {
      buildVsHand: per("netl", "hand", "build"),
      teardownVsHand: per("netl", "hand", "teardown"),
      buildVsPerStep: per("netl", "perstep", "build"),
      buildVsFloor: per("netl", "floor", "build"),
      teardownVsFloor: per("netl", "floor", "teardown"),
      mininetVsNetl: per("mininet", "netl", "build"),
    };
    if (row.floor) {
      // Issue 23's targets: build ≤ floor × 1.25 + Node's start, teardown ≤ floor × 1.2 + Node's start.
      const node = row.node.start.median;
      const buildLimit = row.floor.build.median * 1.25 + node;
      const teardownLimit = row.floor.teardown.median * 1.2 + node;
      row.floorLimits = {
        build: buildLimit,
        buildRatio: row.netl.build.median / buildLimit,
        teardown: teardownLimit,
        teardownRatio: row.netl.teardown.median / teardownLimit,
        ...(row.base && {
          baseBuildRatio: row.base.build.median / buildLimit,
          baseTeardownRatio: row.base.teardown.median / teardownLimit,
        }),
      };
    }
    result.chain.push(row);
    // The curve's rounds take many minutes: each row is in the log as it ends, should the run stop before the table.
    log(`row ${JSON.stringify(row)}`);
  }

  // ---- teardown of chain 250 (or the largest below), with more samples: netl down, the script's, and node -e '' ----
  // The target (netl ≤ Node's start-up + 1.5× the script) compares a process with one many times shorter
  // on a shared machine where Node's start alone varies by more than the script from one minute to the next: each
  // round times the three side by side (order alternating), builds untimed, and the medians of these
  // rounds make the limit.
  if (!chainOnly) {
    const n = Math.min(250, Math.max(...sizes));
    const samples = { netl: [], hand: [], node: [], bare: [] };
    const file = join(work, `chain-${n}.netl`);
    writeFileSync(file, chainScript(n));
    const hand = join(here, "hand-optimal.sh");
    const three = {
      netl: (p) => {
        run([netl, "run", "--prefix", p, "--lab", p, file]);
        return timed([netl, "down", p]);
      },
      hand: (p) => {
        run(["bash", hand, "build", String(n), p]);
        return timed(["bash", hand, "teardown", String(n), p]);
      },
      node: () => timed(["node", "-e", ""]),
      bare: nodeStart,
    };
    const variants = caSet ? ["netl", "node", "bare", "hand"] : ["netl", "node", "hand"];
    for (let k = 0; k < teardownRuns; k++) {
      const order = k % 2 === 0 ? variants : [...variants].reverse();
      log(`teardown ${n}: round ${k + 1}/${teardownRuns}`);
      for (const v of order) samples[v].push(three[v](`${prefix}t${v[0]}${k}`));
    }
    const t = { n, netl: stats(samples.netl), hand: stats(samples.hand), node: stats(samples.node) };
    t.limit = t.node.median + 1.5 * t.hand.median;
    t.ratio = t.netl.median / t.limit;
    if (caSet) {
      t.bare = stats(samples.bare);
      t.bareLimit = t.bare.median + 1.5 * t.hand.median;
      t.bareRatio = t.netl.median / t.bareLimit;
    }
    result.teardown = t;
  }

  // ---- peak RSS of netl run for the largest chain ----
  if (!chainOnly) {
    const n = Math.max(...sizes);
    const p = `${prefix}m`;
    const out = join(work, "rss");
    run([
      "/usr/bin/time",
      "-f",
      "%M",
      "-o",
      out,
      netl,
      "run",
      "--prefix",
      p,
      "--lab",
      p,
      join(work, `chain-${n}.netl`),
    ]);
    run([netl, "down", p]);
    result.peakRssMiB = { n, value: Number(readFileSync(out, "utf8").trim().split("\n").pop()) / 1024 };
  }

  // ---- cold start: netl check tiny.netl vs node -e '' ----
  if (!chainOnly) {
    const tiny = join(work, "tiny.netl");
    writeFileSync(tiny, "ns A B\nlink A <-> B 10.0.0.0/24\n");
    const a = [];
    const b = [];
    const c = [];
    for (let k = 0; k < 10; k++) {
      a.push(timed([netl, "check", tiny]));
      b.push(timed(["node", "-e", ""]));
      if (caSet) c.push(nodeStart());
    }
    result.coldStart = { netl: stats(a), node: stats(b), ratio: stats(a).median / stats(b).median };
    if (caSet) Object.assign(result.coldStart, { bare: stats(c), bareRatio: stats(a).median / stats(c).median });
  }

  // ---- in-process: planning and the REPL's per-statement latency ----
  if (!chainOnly) await inProcess();

  // ---- other shapes than the chain (opt-in) ----
  const bins = base === undefined ? { netl } : { netl, base };
  result.shapes = runShapes(shapes, { bins, runs, prefix, work, run, log, stats, ms });
} finally {
  cleanup();
}

async function inProcess() {
  const bundle = join(work, "inproc.mjs");
  await build({
    entryPoints: [join(here, "inproc.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    plugins: [nativeText],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  });
  const inproc = await import(pathToFileURL(bundle).href);
  {
    const script = (statements) => {
      const nodes = statements / 2;
      const lines = [];
      for (let i = 0; i < nodes; i++) {
        lines.push(`ns n${i}`);
        lines.push(i === 0 ? `ns m0` : `link n${i - 1} <-> n${i} ${net(i)}.0/24`);
      }
      return lines.join("\n");
    };
    const plan = (statements, times = 7) => {
      const text = script(statements);
      inproc.planMs(text); // warm
      // Seven, not three: a 10k plan allocates much, and whether a run takes one of the old-space
      // collections that the runs before it led up to can double it (docs/BENCHMARKS.md, planning).
      return stats(Array.from({ length: times }, () => inproc.planMs(text).ms));
    };
    const k1 = plan(1000);
    const k10 = plan(10000);
    // Issue 23: 100 000 statements ≤ 3 s and linear; three runs (each allocates over a gigabyte).
    const k100 = plan(100000, 3);
    result.planning = { "1k": k1, "10k": k10, "100k": k100, ratio: k10.median / k1.median };
  }
  {
    const p = `${prefix}r`;
    const s = inproc.openSession(p, p, runDir);
    const q = `${prefix}b`;
    try {
      await s.run("ns A B");
      run(["ip", "-batch", "-"], { input: `netns add ${q}-A\nnetns add ${q}-B\n` });
      const netlMs = [];
      const ipMs = [];
      for (let k = 0; k < 15; k++) {
        netlMs.push(await s.run("link A <-> B 10.9.0.0/24"));
        await s.run("undo");
        // The same change with the fewest ip processes: create the pair, then one process per side.
        const t = ms();
        run([
          "ip",
          "link",
          "add",
          "eth0",
          "netns",
          `${q}-A`,
          "up",
          "type",
          "veth",
          "peer",
          "name",
          "eth0",
          "netns",
          `${q}-B`,
        ]);
        run(["ip", "-n", `${q}-A`, "addr", "add", "10.9.0.1/24", "dev", "eth0"]);
        run(["ip", "-n", `${q}-B`, "-batch", "-"], { input: "link set eth0 up\naddr add 10.9.0.2/24 dev eth0\n" });
        ipMs.push(ms() - t);
        run(["ip", "-n", `${q}-A`, "link", "del", "eth0"]);
      }
      result.repl = { netl: stats(netlMs), ip: stats(ipMs), ratio: stats(netlMs).median / stats(ipMs).median };
    } finally {
      await s.close();
    }
  }
}

// ---- output ----
result.targets = targets(result);
if (json) console.log(JSON.stringify(result, null, 2));
else if (!shapesOnly) console.log(render(result, { runs, caSet }));
if (!json && result.shapes.length > 0) console.log(`\n${renderShapes(result.shapes)}`);
if (!json && base !== undefined && result.chain.length > 0) {
  const f = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  const m = (s) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
  console.log(`\nA/B, the same rounds: netl (${netl}) and base (${base})`);
  for (const r of result.chain) {
    const l = r.floorLimits;
    const against = (x) => (l && x !== undefined ? ` = ${x.toFixed(2)}× the limit` : "");
    console.log(
      `chain-${r.n}: build netl ${m(r.netl.build)}${against(l?.buildRatio)}, base ${m(r.base.build)}${against(l?.baseBuildRatio)}; ` +
        `teardown netl ${m(r.netl.teardown)}${against(l?.teardownRatio)}, base ${m(r.base.teardown)}${against(l?.baseTeardownRatio)}`,
    );
  }
}
