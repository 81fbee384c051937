// A plain user made by a test (useradd, its home a temp folder it owns) and deleted after it, to act
// as an attacker with an ordinary account: `as(argv)` runs a program as that user (setpriv, no
// supplementary groups, the user's HOME).
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PlainUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** Its home: a folder it owns (mode 0700 from mkdtemp). */
  readonly home: string;
  /** Run argv as the user; throws when it fails. */
  as(argv: readonly string[]): string;
  remove(): void;
}

/** `name`: lower-case letters, digits and '-', at most 32 characters (a test prefix fits). */
export function createPlainUser(name: string): PlainUser {
  const home = mkdtempSync(join(tmpdir(), "netl-user-"));
  execFileSync("useradd", ["--no-create-home", "--home-dir", home, "--shell", "/usr/sbin/nologin", name]);
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }));
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }));
  chownSync(home, uid, gid);
  return {
    name,
    uid,
    gid,
    home,
    as: (argv) =>
      execFileSync("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", ...argv], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home },
        cwd: home,
      }),
    remove: () => {
      try {
        execFileSync("userdel", [name], { stdio: "ignore" });
      } catch {
        execFileSync("userdel", ["--force", name], { stdio: "ignore" });
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
