// Commands that need root say so in one line and exit 2 when run by a plain user.
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { isRoot } from "../support/kernel.js";
import { NETL } from "../support/netl.js";

describe.runIf(isRoot)("not root", () => {
  it("netl run as a plain user: one clear line, exit 2", async () => {
    const r = await execa(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", "node", NETL, "run", "examples/two-hosts.netl"],
      {
        reject: false,
        env: { NO_COLOR: "1" },
      },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^netl run needs root/);
  });
});
