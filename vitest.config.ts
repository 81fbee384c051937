import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";

// One token per test run, in every test prefix (test/support/kernel.ts): runs on a shared machine
// remove only their own leftovers. Set here, before the workers start, so they all inherit it.
process.env.NETL_TEST_RUN ??= randomBytes(2).toString("hex");

/** The programs netl hands to other processes (src/runtime/native/) are imported as text, as esbuild does (scripts/native-text.mjs). */
const nativeText: Plugin = {
  name: "native-text",
  enforce: "pre",
  load(id) {
    if (!/[\\/]src[\\/]runtime[\\/]native[\\/][^\\/]+\.(pl|cjs)$/.test(id)) return null;
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
