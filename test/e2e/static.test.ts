// `netl check` and `netl plan` need no root and change nothing.

import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { NETL, netl } from "../support/netl.js";

describe("netl check", () => {
  it("points at an unknown node with file, line, column, caret and a hint, exit 2", async () => {
    const r = await netl(["check", "-"], { input: "ns A\nlink A <-> B 10.0.0.0/24\n" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      [
        "-:2:12: error: unknown node 'B'",
        "  link A <-> B 10.0.0.0/24",
        "             ^",
        "  hint: create it first: ns B",
      ].join("\n"),
    );
  });

  it("suggests the nearest node name for a typo", async () => {
    const r = await netl(["check", "-"], { input: "ns A B\nlink A <-> B2\n" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("-:2:12: error: unknown node 'B2'");
    expect(r.stderr).toContain("did you mean 'B'?");
  });

  it("reports a syntax error with its position", async () => {
    const r = await netl(["check", "-"], { input: "ns A\nlnk A <-> B\n" });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^-:2:1: error: /);
    expect(r.stderr).toContain("did you mean 'link'?");
  });

  it("accepts every example", async () => {
    const r = await netl(["check", "examples/two-hosts.netl", "examples/seed-basics.netl", "examples/routed.netl"]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("examples/routed.netl: ok");
  });

  it("says so when the file is missing, exit 2, no stack trace", async () => {
    const r = await netl(["check", "nope.netl"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("cannot read nope.netl: no such file");
  });
});

describe("netl plan", () => {
  it("prints the ip commands, with the prefix, without running anything", async () => {
    const r = await netl(["plan", "--prefix", "nlt-plan0", "examples/two-hosts.netl"]);
    expect(r.exitCode).toBe(0);
    const commands = r.stdout.split("\n").filter((l) => !l.startsWith("#"));
    expect(commands.slice(0, 7)).toEqual([
      "ip netns add nlt-plan0-A",
      "ip -n nlt-plan0-A link set lo up",
      "ip netns exec nlt-plan0-A sysctl -qw net.ipv6.conf.default.accept_dad=0",
      "ip netns add nlt-plan0-B",
      "ip -n nlt-plan0-B link set lo up",
      "ip netns exec nlt-plan0-B sysctl -qw net.ipv6.conf.default.accept_dad=0",
      "ip link add eth0 netns nlt-plan0-A type veth peer name eth0 netns nlt-plan0-B",
    ]);
    expect(commands).toContain("ip -n nlt-plan0-A addr add 10.0.0.1/24 dev eth0");
  });

  it("stops quietly when the reader stops early (plan | head)", async () => {
    const r = await execa("sh", ["-c", `node ${NETL} plan examples/routed.netl | head -n 1`], { reject: false });
    expect(r.stdout).toBe("# netl plan examples/routed.netl: paste into a root shell to build the same lab");
    expect(r.stderr).toBe("");
  });

  it("refuses a bad prefix as a usage error", async () => {
    const r = await netl(["plan", "--prefix", "9bad", "examples/two-hosts.netl"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("argument '9bad' is invalid");
  });
});
