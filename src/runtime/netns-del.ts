// The teardown's one process (native/netns-del.pl): it takes the lab's lock on netl's own open file,
// as flock(1) would, then deletes each namespace it is given as `ip netns del` does, only while the
// name is still bound to that very namespace, checked right before it goes. One process for what were
// two (`flock`, then `ip -batch`); undefined where Perl is missing, and then `flock` and `ip` do it as
// before (flock.ts, cli/remove-lab.ts), as they do what the helper answers it could not (an architecture
// whose syscall numbers it does not know: an error for the lock, a failure for each name).
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { type LockOutcome, lockAnswer } from "./flock.js";
import type { Ident, NsId } from "./identity.js";
import NETNS_DEL from "./native/netns-del.pl";
import { onPath } from "./on-path.js";

/** What became of one namespace. */
export type Deletion =
  | { readonly kind: "gone" }
  /** Nothing had its name any more. */
  | { readonly kind: "absent" }
  /** Its name is bound to something else now: left alone. */
  | { readonly kind: "other"; readonly now: Ident }
  | { readonly kind: "failed"; readonly why: string };

export interface Deleter {
  /** The lock on the descriptor it was given: held (netl's, on that open file), busy, or unavailable. */
  readonly held: Promise<LockOutcome> | undefined;
  /** Delete these, each only while it is still the lab's; called once. By name; one missing from the map was not answered (the helper died). */
  remove(ids: readonly NsId[]): Promise<ReadonlyMap<string, Deletion>>;
  /** Nothing to delete: the helper ends. */
  close(): void;
}

export interface DeleterOptions {
  /** A descriptor to take the lock on first (an open lock file, closed here unless held). */
  readonly lockFd?: number;
  /** `perl` by default; tests name a missing one. */
  readonly perl?: string;
}

const parse = (line: string): [string, Deletion] | undefined => {
  const [kind, name, ...rest] = line.split(" ");
  if (name === undefined) return undefined;
  if (kind === "gone" || kind === "absent") return [name, { kind }];
  if (kind === "other") {
    const [dev, ino, born] = rest.map(Number);
    return [name, { kind, now: { dev: dev ?? 0, ino: ino ?? 0, born } }];
  }
  return kind === "failed" ? [name, { kind, why: rest.join(" ") }] : undefined;
};

/** Start the helper for namespaces under `netnsDir`; undefined where it cannot run. */
export function startDeleter(netnsDir: string, options: DeleterOptions = {}): Deleter | undefined {
  const perl = options.perl ?? "perl";
  if (!onPath(perl)) return undefined;
  const fd = options.lockFd;
  const argv = ["-w", "-e", NETNS_DEL, process.arch, netnsDir, fd === undefined ? "-" : "lock"];
  // Its own process group, as netl's batches: a Ctrl-C meant for netl does not cut a deletion halfway.
  const child = spawn(perl, argv, {
    stdio: ["pipe", "pipe", "pipe", ...(fd === undefined ? [] : [fd])],
    detached: true,
  });
  const { stdin, stdout, stderr: errors } = child as ChildProcessWithoutNullStreams;
  let out = "";
  let stderr = "";
  let answerHeld: ((line: string) => void) | undefined;
  const held =
    fd === undefined
      ? undefined
      : new Promise<LockOutcome>((resolve) => {
          answerHeld = (line) => {
            answerHeld = undefined;
            resolve(lockAnswer(line, fd));
          };
        });
  const ended = new Promise<void>((resolve) => {
    child.once("error", (e) => {
      stderr += String(e);
      resolve();
    });
    child.once("close", () => resolve());
  });
  stdout.setEncoding("utf8").on("data", (t: string) => {
    out += t;
    const nl = out.indexOf("\n");
    if (answerHeld === undefined || nl < 0) return;
    const first = out.slice(0, nl);
    out = out.slice(nl + 1);
    answerHeld(first);
  });
  errors.setEncoding("utf8").on("data", (t: string) => {
    stderr += t;
  });
  // Whatever ended it before it answered: not held.
  void ended.then(() => answerHeld?.(`error ${stderr.trim() || "the helper ended"}`));
  stdin.on("error", () => {});
  return {
    held,
    async remove(ids) {
      stdin.end(ids.map((n) => `${n.name} ${n.dev} ${n.ino} ${n.born ?? "-"}\n`).join(""));
      await ended;
      const answers = new Map<string, Deletion>();
      for (const line of out.split("\n")) {
        const a = parse(line);
        if (a) answers.set(a[0], a[1]);
      }
      return answers;
    },
    close: () => stdin.end(),
  };
}
