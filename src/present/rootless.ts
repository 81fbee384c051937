// What netl says about running rootless (runtime/sandbox.ts): why a sandbox cannot be made and what to
// do, in one or two lines, and what `down`, `ls` and `clean` mean for labs that live inside their netl.
import type { UsernsFacts } from "../runtime/sandbox.js";

/** `netl run` needs root and cannot run rootless, or (as root) `netl --rootless run` cannot. */
function headline(netl: string, facts: UsernsFacts, why: string): string {
  return facts.root
    ? `${netl} --rootless: the rootless sandbox cannot be made: ${why}.`
    : `${netl} needs root: it creates network namespaces, and it cannot run rootless here: ${why}.`;
}

const instead = (netl: string, facts: UsernsFacts) =>
  facts.root ? "run it without --rootless" : `run it as root (sudo ${netl} …)`;

/** Before trying: what the kernel's switches and PATH already forbid; undefined when nothing does. */
export function rootlessRefusal(netl: string, facts: UsernsFacts): readonly string[] | undefined {
  const otherwise = instead(netl, facts);
  if (facts.missingTools.length > 0) {
    const tools = facts.missingTools.join(" and ");
    return [
      headline(netl, facts, `${tools} (util-linux) ${facts.missingTools.length === 1 ? "is" : "are"} not on PATH`),
      `Install util-linux (sudo apt install util-linux), or ${otherwise}.`,
    ];
  }
  if (facts.maxUserNamespaces === 0)
    return [
      headline(netl, facts, "user namespaces are switched off (user.max_user_namespaces = 0)"),
      `Allow them: sudo sysctl -w user.max_user_namespaces=10000 (a file in /etc/sysctl.d/ keeps it), or ${otherwise}.`,
    ];
  if (!facts.root && facts.unprivilegedUsernsClone === 0)
    return [
      headline(netl, facts, "the kernel forbids user namespaces to plain users (kernel.unprivileged_userns_clone = 0)"),
      `Allow them: sudo sysctl -w kernel.unprivileged_userns_clone=1 (a file in /etc/sysctl.d/ keeps it), or ${otherwise}.`,
    ];
  return undefined;
}

/**
 * After the sandbox could not be set up (unshare, or the mount in it, said why on standard error just
 * before), or setpriv could not start (`error`).
 */
export function sandboxFailure(netl: string, facts: UsernsFacts, error?: string): readonly string[] {
  const otherwise = instead(netl, facts);
  if (error !== undefined)
    return [headline(netl, facts, error), `Check util-linux's setpriv and unshare, or ${otherwise}.`];
  if (!facts.root && facts.apparmorRestrict === 1)
    return [
      headline(
        netl,
        facts,
        "AppArmor lets only programs with a profile use user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)",
      ),
      `Give unshare such a profile (README.md, "Rootless"), or lift the restriction: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or ${otherwise}.`,
    ];
  return [
    headline(netl, facts, "the sandbox could not be set up (the error above says why)"),
    `Something forbids user namespaces here (a container's seccomp profile, a security module, a limit in /proc/sys/user); ${otherwise}.`,
  ];
}

/** `netl down LAB` as a plain user or with --rootless: a rootless lab is never under /run/netl. */
export function rootlessDown(lab: string, recorded: boolean, root: boolean): string {
  if (recorded && root)
    return `lab '${lab}' under /run/netl is not a rootless lab: netl down ${lab} (without --rootless) removes it`;
  if (recorded)
    return `netl down needs root for lab '${lab}': root's netl built it (sudo netl down ${lab}). A rootless lab needs no netl down.`;
  return `no lab '${lab}' to take down: a rootless lab (netl as a plain user, or --rootless) lives only inside the netl that built it, and is gone when that netl ends`;
}

export const ROOTLESS_NOT_LISTED =
  "labs of rootless netls are not listed: each lives only inside the netl that built it";

export const ROOTLESS_NO_CLEAN = "rootless labs need no cleaning: each is gone with the netl that built it";

/** `netl run FILE` (no --down) in the sandbox: the lab cannot stay up after netl. */
export const ROOTLESS_RUN_ENDS =
  "rootless, the lab lives only as long as its netl: 'netl -i FILE' keeps it up in a REPL";

/** `netl --keep` in the sandbox. */
export const ROOTLESS_NO_KEEP = "--keep: a rootless lab cannot outlive its netl; it is removed when the REPL ends";
