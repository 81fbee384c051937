import { test } from "vitest";
import { parse } from "../../grammar/index.js";
test("perf bad", () => {
  for (const line of ["lnk A <-> B", "ns 10.0.0.1", "link A B", "ping A 10.0.0.2/24", "ns A %", "%%%", "exec A"]) {
    const src = Array(10000).fill(line).join("\n");
    const t0 = performance.now();
    const r = parse(src);
    process.stdout.write(`${line}: ${r.errors.length} ${(performance.now() - t0).toFixed(0)}ms\n`);
  }
  const t0 = performance.now();
  const r = parse("ns " + "a ".repeat(200000));
  process.stdout.write(`long ns: ${r.errors.length} ${(performance.now() - t0).toFixed(0)}ms\n`);
});
