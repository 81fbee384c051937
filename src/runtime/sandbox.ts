// The rootless sandbox: a plain user's netl (or `netl --rootless`) runs again inside new user, mount,
// network and pid namespaces made by util-linux's unshare, as the sandbox's root, with a /run of its
// own (so /run/netns and /run/netl are the sandbox's). The sandbox's first process is a shell that
// waits for netl: when it ends, the kernel ends every process left inside, and with the last one the
// namespaces, so the lab dies with netl. Here: what the kernel allows, and starting netl inside.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import type { Server } from "node:net";
import { constants as osConstants } from "node:os";
import FOREGROUND from "./native/foreground.pl";
import { carried } from "./node-env.js";
import { onPath } from "./on-path.js";
import { SANDBOX_ENV } from "./sandbox-env.js";

/** What decides whether a sandbox can be made (present/rootless.ts words it). */
export interface UsernsFacts {
  readonly root: boolean;
  /** kernel.unprivileged_userns_clone (Debian's older kernels, some hardened ones); undefined: no such switch. */
  readonly unprivilegedUsernsClone: number | undefined;
  /** user.max_user_namespaces: 0 forbids them to everyone, root included. */
  readonly maxUserNamespaces: number | undefined;
  /** kernel.apparmor_restrict_unprivileged_userns (Ubuntu 23.10+): 1 lets only programs with a profile. */
  readonly apparmorRestrict: number | undefined;
  /** Tools of util-linux the sandbox needs that are not on PATH. */
  readonly missingTools: readonly string[];
}

export const SYSCTL_FILES = {
  unprivilegedUsernsClone: "/proc/sys/kernel/unprivileged_userns_clone",
  maxUserNamespaces: "/proc/sys/user/max_user_namespaces",
  apparmorRestrict: "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
} as const;

const TOOLS = ["unshare", "setpriv"] as const;

function readNumber(path: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export function usernsFacts(env: NodeJS.ProcessEnv = process.env): UsernsFacts {
  return {
    root: process.geteuid?.() === 0,
    unprivilegedUsernsClone: readNumber(SYSCTL_FILES.unprivilegedUsernsClone),
    maxUserNamespaces: readNumber(SYSCTL_FILES.maxUserNamespaces),
    apparmorRestrict: readNumber(SYSCTL_FILES.apparmorRestrict),
    missingTools: TOOLS.filter((t) => !onPath(t, env)),
  };
}

/** Carries native/foreground.pl into the sandbox, when netl runs in its terminal's foreground. */
const FOREGROUND_ENV = "NETL_SANDBOX_FOREGROUND";

// The sandbox's first process (pid 1, so the kernel ends everything inside when it ends): a /run of
// its own, loopback up (the sandbox's namespace is `host`), a byte on fd 3 to say it is ready, then
// netl as a child — not exec'd: a pid 1 ignores every signal it has no handler for, Ctrl-C included.
// Started in the terminal's foreground, netl gets a foreground group of its own (native/foreground.pl).
const INIT = [
  "mount -t tmpfs -o mode=0755 netl /run || exit 1",
  "ip link set lo up",
  "printf . >&3 && exec 3>&-",
  `fg=$${FOREGROUND_ENV}; unset ${FOREGROUND_ENV}`,
  'if [ -n "$fg" ] && command -v perl >/dev/null 2>&1; then perl -e "$fg" "$@"; else "$@"; fi',
  "exit $?",
].join("\n");

/** Whether this process is in its terminal's foreground group (/proc/self/stat: pgrp, tpgid). */
export function inForeground(stat = "/proc/self/stat"): boolean {
  try {
    // After the parenthesised command name: state, ppid, pgrp, session, tty_nr, tpgid.
    const text = readFileSync(stat, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [pgrp, tty, tpgid] = [fields[2], fields[4], fields[5]].map(Number);
    return tty !== 0 && pgrp !== undefined && pgrp > 0 && pgrp === tpgid;
  } catch {
    return false;
  }
}

/**
 * The unshare command line for `argv`. setpriv's parent-death signal ends the sandbox if this netl is
 * killed; unshare's --kill-child ends its pid 1 when unshare goes.
 */
export function sandboxArgv(argv: readonly string[]): string[] {
  return [
    "setpriv",
    "--pdeathsig",
    "SIGKILL",
    "--",
    "unshare",
    "--user",
    "--map-root-user",
    "--net",
    "--mount",
    "--propagation",
    "private",
    "--pid",
    "--fork",
    "--kill-child",
    "--mount-proc",
    "--",
    "sh",
    "-c",
    INIT,
    "netl-sandbox",
    ...argv,
  ];
}

/** A listening server's descriptor, to hand down as is (node keeps it on the handle, unix only). */
function socketFd(server: Server): number {
  const fd = (server as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== "number" || fd < 0) throw new Error("the live page's socket has no descriptor");
  return fd;
}

export interface SandboxRun {
  /** Whether the sandbox was made and argv started in it; else unshare said why on standard error. */
  readonly started: boolean;
  /** argv's exit status (128 + a signal's number when one ended it). */
  readonly exitCode: number;
  /** Why the sandbox's first command could not even start. */
  readonly error?: string;
}

/** The signals this netl passes to the netl in the sandbox, which stops as it would for them. */
const PASSED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** The processes whose parent is `pid` (the kernel's list, or /proc read through when it has none). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          // `PID (COMM) STATE PPID …`: COMM may hold spaces and parentheses, so read after the last ')'.
          const stat = readFileSync(`/proc/${d}/stat`, "utf8");
          return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  }
}

/**
 * netl inside the sandbox as this machine numbers it: unshare's child is the sandbox's first process
 * (the shell, pid 1 inside), whose child is netl. Undefined until it has started.
 */
const netlInside = (unshare: number): number | undefined =>
  childrenOf(unshare)
    .flatMap(childrenOf)
    .find((pid) => {
      // The shell runs `mount` and `ip` first: only this very node is netl.
      try {
        return readlinkSync(`/proc/${pid}/exe`) === realpathSync(process.execPath);
      } catch {
        return false;
      }
    });

/**
 * Run argv in a new sandbox, with this process's terminal (standard input, output and error), and wait
 * for it. A signal to this netl is passed to netl inside, which stops as it would (a Ctrl-C at the
 * terminal reaches both; netl inside takes the two as one); before netl inside has started, nothing
 * is built and the sandbox is ended outright. The sandbox ignores a hangup itself (`trap '' HUP`,
 * kept across exec): unshare ending on it would take netl inside down before it could put its lab right.
 */
export function runInSandbox(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  /** A socket listening on the machine's network, handed to netl inside as fd 4 (the live page's). */
  listening?: Server,
): Promise<SandboxRun> {
  const [command = "", ...args] = ["sh", "-c", `trap '' HUP; exec "$@"`, "netl-sandbox", ...sandboxArgv(argv)];
  let received: (typeof PASSED)[number] | undefined;
  let child: ReturnType<typeof spawn> | undefined;
  const pass = (signal: (typeof PASSED)[number]) => () => {
    received ??= signal;
    const pid = child?.pid;
    if (pid === undefined) return;
    const inside = netlInside(pid);
    try {
      if (inside !== undefined) process.kill(inside, signal);
      else child?.kill("SIGKILL");
    } catch {
      // Gone meanwhile: its end is being reported.
    }
  };
  const listeners = PASSED.map((signal) => [signal, pass(signal)] as const);
  for (const [signal, listener] of listeners) process.on(signal, listener);
  return new Promise<SandboxRun>((resolve) => {
    let started = false;
    child = spawn(command, args, {
      stdio: ["inherit", "inherit", "inherit", "pipe", ...(listening ? [socketFd(listening)] : [])],
      // netl inside starts as the bin starts netl: without node reading NODE_EXTRA_CA_CERTS.
      env: { ...carried(env), [SANDBOX_ENV]: "1", ...(inForeground() ? { [FOREGROUND_ENV]: FOREGROUND } : {}) },
    });
    // Inside has its own copy now; this one would take connections nobody answers.
    listening?.close();
    child.stdio[3]?.on("data", () => {
      started = true;
    });
    child.on("error", (e) => resolve({ started: false, exitCode: 1, error: e.message }));
    child.on("close", (code, signal) => {
      // Ended outright before netl inside started: the signal this netl was given says how.
      const by = signal === "SIGKILL" && received !== undefined ? received : signal;
      const signalled = by === null ? undefined : osConstants.signals[by];
      resolve({ started, exitCode: code ?? 128 + (signalled ?? 0) });
    });
  }).finally(() => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  });
}
