// Found from the outside (wave 3, the adversary): one long word where a statement starts made "did you
// mean …?" quadratic. The swapped-letters guess copied the word once per letter, and the nearest keyword
// was measured whatever the lengths: a 100 000-letter line took 2.5 s of `netl check`, a 3 MB line piped
// into the REPL ran for minutes with SIGTERM unheard (its event loop never came back). A file of the
// most netl reads (4 MiB) would have taken about an hour.
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { nearest } from "../../src/suggest.js";
import { NETL_BIN } from "../support/netl.js";

const word = "x".repeat(1_000_000);

describe("a long word where a statement starts", () => {
  it("is an unknown statement within seconds, not minutes", async () => {
    const t0 = Date.now();
    const r = await execa(NETL_BIN, ["check", "-"], {
      input: `${word}\n${word} ping b\n`,
      reject: false,
      timeout: 30_000,
      env: { NO_COLOR: "1" },
    });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown statement");
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 40_000);

  it("nearest still finds what one edit away is, and nothing for a word far longer", () => {
    expect(nearest("pimg", ["ping", "ns"])).toBe("ping");
    expect(nearest("routr", ["route", "router"])).toBe("route");
    expect(nearest("swich", ["switch"])).toBe("switch");
    expect(nearest("nss", ["ns"])).toBe("ns");
    expect(nearest("nsss", ["ns"])).toBeUndefined();
    const long = "y".repeat(1000);
    expect(nearest(long, ["ns", long.slice(1)])).toBe(long.slice(1));
    expect(nearest(word, ["ns", "router"])).toBeUndefined();
  });
});
