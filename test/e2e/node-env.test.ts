// NODE_EXTRA_CA_CERTS: the bin (dist/netl) starts netl's node without it, so node does not read the file
// at start (~40 ms); what netl starts gets it back, as the user set it, and never the carried copy.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, netnsList, testPrefix } from "../support/kernel.js";
import { netl } from "../support/netl.js";

// A file that is not there: a node that read it would warn on standard error.
const ca = join("/nonexistent", "netl-test-ca.pem");

describe("netl's own node", () => {
  it("starts without reading NODE_EXTRA_CA_CERTS (no warning about the missing file)", async () => {
    for (const args of [["--version"], ["check", "examples/two-hosts.netl"], ["down", "nosuchlab"]]) {
      const r = await netl(args, { env: { NODE_EXTRA_CA_CERTS: ca } });
      expect(r.stderr, args.join(" ")).not.toContain("extra certs");
    }
  });
});

const prefix = testPrefix("nodeenv");

describe.runIf(kernelTestsEnabled("node-env.test.ts"))("what netl starts", () => {
  afterAll(() => {
    expect(netnsList().filter((n) => n.startsWith(`${prefix}-`))).toEqual([]);
  });

  it("sees NODE_EXTRA_CA_CERTS as the user set it, and not the carried copy", async () => {
    const r = await netl(["test", "--prefix", prefix, "-"], {
      input: "ns A\nexec A env\n",
      env: { NODE_EXTRA_CA_CERTS: ca },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines).toContain(`NODE_EXTRA_CA_CERTS=${ca}`);
    expect(lines.filter((l) => l.startsWith("NETL_NODE_EXTRA_CA_CERTS="))).toEqual([]);
  });
});
