// The user netl runs for under sudo: root's files of theirs (the tutorial's progress) are kept as
// theirs. SUDO_UID and SUDO_USER are believed only when netl really is root (anyone can set them) and
// they name a user the password database knows, the one user both name.
import { execFileSync } from "node:child_process";

export interface Invoker {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

/** A passwd entry by uid (getent: the files and whatever else NSS reads), or undefined. */
export type Lookup = (uid: number) => Invoker | undefined;

export const passwdEntry: Lookup = (uid) => {
  try {
    const line = execFileSync("getent", ["passwd", String(uid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [name, , u, g, , home] = line.trim().split(":");
    if (name === undefined || home === undefined || Number(u) !== uid) return undefined;
    return { name, uid, gid: Number(g), home };
  } catch {
    return undefined;
  }
};

/** Who ran `sudo netl …`; undefined when netl is not root by sudo for another user. */
export function sudoInvoker(
  env: NodeJS.ProcessEnv = process.env,
  realUid = process.getuid?.() ?? -1,
  lookup: Lookup = passwdEntry,
): Invoker | undefined {
  const given = env.SUDO_UID;
  if (realUid !== 0 || given === undefined || !/^\d{1,10}$/.test(given)) return undefined;
  const uid = Number(given);
  if (uid === 0) return undefined;
  const user = lookup(uid);
  if (user === undefined) return undefined;
  if (env.SUDO_USER !== undefined && env.SUDO_USER !== user.name) return undefined;
  return user;
}
