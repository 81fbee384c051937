import { randomBytes } from "node:crypto";
import { defineConfig } from "vitest/config";

// One token per test run, in every test prefix (test/support/kernel.ts): runs on a shared machine
// remove only their own leftovers. Set here, before the workers start, so they all inherit it.
process.env.NETL_TEST_RUN ??= randomBytes(2).toString("hex");

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-teardown.ts"],
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
