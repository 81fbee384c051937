import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, type Plugin } from "vitest/config";

// One token per test run, in every test prefix (test/support/kernel.ts): runs on a shared machine
// remove only their own leftovers. Set here, before the workers start, so they all inherit it.
process.env.NETL_TEST_RUN ??= randomBytes(2).toString("hex");
// One temporary directory per run, inherited as TMPDIR by the workers and the netl they start: the
// global teardown fails the run when a test left anything in it (test/support/global-teardown.ts).
if (process.env.NETL_TEST_TMP === undefined) {
  process.env.NETL_TEST_TMP = mkdtempSync(join(tmpdir(), `netl-test-${process.env.NETL_TEST_RUN}-`));
  // Open to all and sticky, as /tmp is: the plain-user tests plant their files beside root's here.
  chmodSync(process.env.NETL_TEST_TMP, 0o1777);
  process.env.TMPDIR = process.env.NETL_TEST_TMP;
}

/** Files imported as their text: the programs netl hands to other processes, the live page's own files. */
const TEXT_FILES =
  /[\\/]src[\\/](runtime[\\/]native[\\/][^\\/]+\.(pl|cjs)|serve[\\/]assets[\\/][^\\/]+\.(html|css|mjs))$/;

/** The programs netl hands to other processes (src/runtime/native/) are imported as text, as esbuild does (scripts/native-text.mjs). */
const nativeText: Plugin = {
  name: "native-text",
  enforce: "pre",
  load(id) {
    if (!TEXT_FILES.test(id)) return null;
    return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
  },
};

export default defineConfig({
  plugins: [nativeText],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-teardown.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
