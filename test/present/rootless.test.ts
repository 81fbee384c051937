// What netl says when it cannot run rootless, for each thing that forbids it, as a plain user and as
// root with --rootless; and what down says of rootless labs.
import { describe, expect, it } from "vitest";
import { rootlessDown, rootlessRefusal, sandboxFailure } from "../../src/present/rootless.js";
import type { UsernsFacts } from "../../src/runtime/sandbox.js";

/** A stock Debian 12 / Ubuntu 22.04 machine, as a plain user: nothing forbids a sandbox. */
const stock: UsernsFacts = {
  root: false,
  unprivilegedUsernsClone: 1,
  maxUserNamespaces: 96365,
  apparmorRestrict: undefined,
  missingTools: [],
};
const asRoot = (f: Partial<UsernsFacts>): UsernsFacts => ({ ...stock, ...f, root: true });
const plain = (f: Partial<UsernsFacts>): UsernsFacts => ({ ...stock, ...f });

describe("rootlessRefusal: before trying", () => {
  it("nothing forbids it on a stock kernel, nor where the switch does not exist, nor under AppArmor (a profile may allow it)", () => {
    expect(rootlessRefusal("netl run", stock)).toBeUndefined();
    expect(rootlessRefusal("netl run", plain({ unprivilegedUsernsClone: undefined }))).toBeUndefined();
    expect(rootlessRefusal("netl", plain({ apparmorRestrict: 1 }))).toBeUndefined();
    expect(rootlessRefusal("netl test", asRoot({}))).toBeUndefined();
  });

  it("kernel.unprivileged_userns_clone = 0: the sysctl that allows it, or sudo", () => {
    expect(rootlessRefusal("netl run", plain({ unprivilegedUsernsClone: 0 }))).toEqual([
      "netl run needs root: it creates network namespaces, and it cannot run rootless here: the kernel forbids user namespaces to plain users (kernel.unprivileged_userns_clone = 0).",
      "Allow them: sudo sysctl -w kernel.unprivileged_userns_clone=1 (a file in /etc/sysctl.d/ keeps it), or run it as root (sudo netl run …).",
    ]);
  });

  it("the switch binds plain users only: root with --rootless is not refused by it", () => {
    expect(rootlessRefusal("netl run", asRoot({ unprivilegedUsernsClone: 0 }))).toBeUndefined();
  });

  it("user.max_user_namespaces = 0, as a plain user and as root with --rootless", () => {
    expect(rootlessRefusal("netl", plain({ maxUserNamespaces: 0 }))).toEqual([
      "netl needs root: it creates network namespaces, and it cannot run rootless here: user namespaces are switched off (user.max_user_namespaces = 0).",
      "Allow them: sudo sysctl -w user.max_user_namespaces=10000 (a file in /etc/sysctl.d/ keeps it), or run it as root (sudo netl …).",
    ]);
    expect(rootlessRefusal("netl test", asRoot({ maxUserNamespaces: 0 }))).toEqual([
      "netl test --rootless: the rootless sandbox cannot be made: user namespaces are switched off (user.max_user_namespaces = 0).",
      "Allow them: sudo sysctl -w user.max_user_namespaces=10000 (a file in /etc/sysctl.d/ keeps it), or run it without --rootless.",
    ]);
  });

  it("unshare or setpriv not on PATH: install util-linux; named before any sysctl", () => {
    expect(rootlessRefusal("netl run", plain({ missingTools: ["unshare"], maxUserNamespaces: 0 }))).toEqual([
      "netl run needs root: it creates network namespaces, and it cannot run rootless here: unshare (util-linux) is not on PATH.",
      "Install util-linux (sudo apt install util-linux), or run it as root (sudo netl run …).",
    ]);
    expect(rootlessRefusal("netl tutorial", asRoot({ missingTools: ["unshare", "setpriv"] }))?.[0]).toBe(
      "netl tutorial --rootless: the rootless sandbox cannot be made: unshare and setpriv (util-linux) are not on PATH.",
    );
  });

  it("every refusal is two lines", () => {
    for (const f of [
      plain({ unprivilegedUsernsClone: 0 }),
      plain({ maxUserNamespaces: 0 }),
      plain({ missingTools: ["setpriv"] }),
      asRoot({ maxUserNamespaces: 0 }),
    ])
      expect(rootlessRefusal("netl run", f)).toHaveLength(2);
  });
});

describe("sandboxFailure: unshare failed", () => {
  it("AppArmor's restriction (Ubuntu 23.10+): a profile, the sysctl, or sudo", () => {
    expect(sandboxFailure("netl run", plain({ apparmorRestrict: 1 }))).toEqual([
      "netl run needs root: it creates network namespaces, and it cannot run rootless here: AppArmor lets only programs with a profile use user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1).",
      `Give unshare such a profile (README.md, "Rootless"), or lift the restriction: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or run it as root (sudo netl run …).`,
    ]);
  });

  it("any other reason: unshare's own words stand above; what may forbid it, and sudo", () => {
    expect(sandboxFailure("netl test", stock)).toEqual([
      "netl test needs root: it creates network namespaces, and it cannot run rootless here: the sandbox could not be set up (the error above says why).",
      "Something forbids user namespaces here (a container's seccomp profile, a security module, a limit in /proc/sys/user); run it as root (sudo netl test …).",
    ]);
  });

  it("root is not bound by AppArmor's restriction: the general words, and without --rootless", () => {
    expect(sandboxFailure("netl run", asRoot({ apparmorRestrict: 1 }))).toEqual([
      "netl run --rootless: the rootless sandbox cannot be made: the sandbox could not be set up (the error above says why).",
      "Something forbids user namespaces here (a container's seccomp profile, a security module, a limit in /proc/sys/user); run it without --rootless.",
    ]);
  });

  it("setpriv could not even start: its error", () => {
    expect(sandboxFailure("netl run", stock, "spawn setpriv EACCES")).toEqual([
      "netl run needs root: it creates network namespaces, and it cannot run rootless here: spawn setpriv EACCES.",
      "Check util-linux's setpriv and unshare, or run it as root (sudo netl run …).",
    ]);
  });
});

describe("rootlessDown", () => {
  it("no record: a rootless lab is gone with its netl", () => {
    expect(rootlessDown("lab1", false, false)).toBe(
      "no lab 'lab1' to take down: a rootless lab (netl as a plain user, or --rootless) lives only inside the netl that built it, and is gone when that netl ends",
    );
  });

  it("root's lab, asked by a plain user: sudo", () => {
    expect(rootlessDown("lab1", true, false)).toBe(
      "netl down needs root for lab 'lab1': root's netl built it (sudo netl down lab1). A rootless lab needs no netl down.",
    );
  });

  it("root's lab, asked by root with --rootless: without --rootless", () => {
    expect(rootlessDown("lab1", true, true)).toBe(
      "lab 'lab1' under /run/netl is not a rootless lab: netl down lab1 (without --rootless) removes it",
    );
  });
});
