// `npm run bench -- --shapes star,grid`: labs of other shapes than the chain, netl alone (and --base).
// star:N — N hosts on four switches, one router joining them, `route auto`; grid:K — K×K routers, each
// linked to its right and lower neighbour, `route auto` (every router gets a route to every subnet).
// Opt-in and large (issue 23: a star of 1000 hosts, a 32×32 grid), so never in CI.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The default size of each shape: issue 23's star of 1000 hosts and 32×32 grid. */
/** A link's /24 (its first three numbers): the chain's i-th. */
export const net = (i) => `10.${Math.floor(i / 256)}.${i % 256}`;

/** The chain as netl: hosts at both ends, routers between, one /24 per link, routes both ways. */
export function chainScript(n) {
  const lines = [`ns n0 n${n - 1}`];
  if (n > 2) lines.push(`router ${Array.from({ length: n - 2 }, (_, i) => `n${i + 1}`).join(" ")}`);
  for (let i = 0; i < n - 1; i++) lines.push(`link n${i} <-> n${i + 1} ${net(i)}.0/24`);
  for (let i = 0; i < n; i++) {
    lines.push(i < n - 1 ? `route n${i} default via n${i + 1}` : `route n${i} default via n${i - 1}`);
    if (i > 1) lines.push(`route n${i} 10.0.0.0/24 via ${net(i - 1)}.1`);
  }
  return `${lines.join("\n")}\n`;
}

export const SHAPE_SIZES = { star: 1000, grid: 32 };
const STAR_SWITCHES = 4;
// A switch's /24 numbers the router (.1, linked first) and its hosts (.2 up): 253 hosts on each.
const STAR_MAX = STAR_SWITCHES * 253;

/** `star` or `star:N` → { shape, size }, or an error's text. */
export function parseShape(word) {
  const [shape, size, extra] = word.split(":");
  if (!(shape in SHAPE_SIZES) || extra !== undefined) return `unknown shape '${word}' (star[:N], grid[:K])`;
  const n = size === undefined ? SHAPE_SIZES[shape] : Number(size);
  const [low, high] = shape === "star" ? [STAR_SWITCHES, STAR_MAX] : [2, 64];
  if (!Number.isInteger(n) || n < low || n > high) return `${shape}: a whole number from ${low} to ${high}`;
  return { shape, size: n };
}

const hosts = (n) => Array.from({ length: n }, (_, i) => `h${i}`);

/** The lab as netl text, and a ping across it (the ready check): from a node to an address. */
export function shapeLab({ shape, size }) {
  if (shape === "star") {
    const lines = ["router r"];
    for (let s = 0; s < STAR_SWITCHES; s++) lines.push(`switch s${s} 10.40.${s}.0/24`);
    for (let s = 0; s < STAR_SWITCHES; s++) lines.push(`link r <-> s${s}`);
    lines.push(`ns ${hosts(size).join(" ")}`);
    for (let i = 0; i < size; i++) lines.push(`link h${i} <-> s${i % STAR_SWITCHES}`);
    lines.push("route auto");
    const last = size - 1;
    const to = `10.40.${last % STAR_SWITCHES}.${2 + Math.floor(last / STAR_SWITCHES)}`;
    return { text: `${lines.join("\n")}\n`, from: "h0", to };
  }
  const g = (i, j) => `g${i * size + j}`;
  const names = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) names.push(g(i, j));
  const lines = [`router ${names.join(" ")}`];
  let k = 0;
  let to = "";
  const subnet = () => {
    const s = `10.${50 + Math.floor(k / 256)}.${k % 256}`;
    k++;
    return s;
  };
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      // The far corner is the right end (.2) of the last link made to it.
      for (const [b, here] of [
        [g(i, j + 1), j + 1 < size],
        [g(i + 1, j), i + 1 < size],
      ]) {
        if (!here) continue;
        const net = subnet();
        lines.push(`link ${g(i, j)} <-> ${b} ${net}.0/24`);
        if (b === g(size - 1, size - 1)) to = `${net}.2`;
      }
    }
  lines.push("route auto");
  return { text: `${lines.join("\n")}\n`, from: g(0, 0), to };
}

/**
 * Each shape built by netl (and the --base bin) `runs` times, bins alternating: build to ready (netl run,
 * then one ping across), netl down, and netl run's peak RSS (/usr/bin/time). Returns one row a shape.
 */
export function runShapes(shapes, { bins, runs, prefix, work, run, log, stats, ms }) {
  const rows = [];
  for (const s of shapes) {
    const lab = shapeLab(s);
    const file = join(work, `${s.shape}-${s.size}.netl`);
    writeFileSync(file, lab.text);
    const times = Object.fromEntries(Object.keys(bins).map((b) => [b, { build: [], teardown: [], rss: [] }]));
    for (let k = 0; k < runs; k++) {
      const order = k % 2 === 0 ? Object.keys(bins) : Object.keys(bins).reverse();
      for (const b of order) {
        log(`${s.shape} ${s.size}: ${b} run ${k + 1}/${runs}`);
        const p = `${prefix}${s.shape[0]}${b[0]}${k}`;
        const rss = join(work, "shape-rss");
        const t0 = ms();
        run(["/usr/bin/time", "-f", "%M", "-o", rss, bins[b], "run", "--prefix", p, "--lab", p, file]);
        run(["ip", "netns", "exec", `${p}-${lab.from}`, "ping", "-c1", "-w5", "-i0.2", "-t255", lab.to]);
        times[b].build.push(ms() - t0);
        const t1 = ms();
        run([bins[b], "down", p]);
        times[b].teardown.push(ms() - t1);
        times[b].rss.push(Number(readLast(rss)) / 1024);
      }
    }
    const statements = lab.text.trim().split("\n").length;
    const row = { ...s, statements };
    for (const b of Object.keys(bins))
      row[b] = Object.fromEntries(Object.entries(times[b]).map(([key, xs]) => [key, stats(xs)]));
    rows.push(row);
  }
  return rows;
}

const readLast = (file) => readFileSync(file, "utf8").trim().split("\n").pop();

/** The shapes' table: one line a shape and bin. */
export function renderShapes(rows) {
  const f = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  const m = (st, unit = f) => `${unit(st.median)} (${unit(st.min)}–${unit(st.max)})`;
  const mib = (x) => `${x.toFixed(0)} MiB`;
  const lines = [
    "| shape | stmts | bin | build to ready | teardown | peak RSS of netl run |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of rows)
    for (const b of Object.keys(r).filter((key) => typeof r[key] === "object"))
      lines.push(
        `| ${r.shape}:${r.size} | ${r.statements} | ${b} | ${m(r[b].build)} | ${m(r[b].teardown)} | ${m(r[b].rss, mib)} |`,
      );
  return lines.join("\n");
}
