// The tutorial's progress, kept per user in ~/.netl/tutorial.json: whose it is (under sudo, the user who
// ran sudo, not root: two learners on one machine keep their own), read and written as root safely —
// never through a symbolic link, into a folder of that user's or root's only, by a new file renamed
// into place (and handed to that user, so their own netl can go on writing it).
import {
  closeSync,
  constants,
  fchownSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";

export interface ProgressPlace {
  readonly file: string;
  /** Whose it is, when that is not who netl runs as (sudo): new files are handed to them. */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

/** A user's home from the password database, by uid. */
function homeOf(uid: number, passwd: string): string | undefined {
  for (const line of passwd.split("\n")) {
    const [, , id, , , home] = line.split(":");
    if (id !== undefined && Number(id) === uid && home) return home;
  }
  return undefined;
}

export function progressPlace(env: NodeJS.ProcessEnv, euid = process.geteuid?.() ?? 0, passwd?: string): ProgressPlace {
  const uid = Number(env.SUDO_UID);
  const gid = Number(env.SUDO_GID);
  if (euid === 0 && Number.isInteger(uid) && uid > 0 && Number.isInteger(gid)) {
    let table = passwd;
    try {
      table ??= readFileSync("/etc/passwd", "utf8");
    } catch {}
    const home = table === undefined ? undefined : homeOf(uid, table);
    if (home !== undefined) return { file: join(home, ".netl", "tutorial.json"), owner: { uid, gid } };
  }
  return { file: join(env.HOME || homedir(), ".netl", "tutorial.json") };
}

const MAX_BYTES = 1 << 16;

/** The lessons done; none when the file is missing, a link, too big or not ours to read. */
export function readProgress(file: string): number[] {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return [];
  }
  try {
    const buffer = Buffer.alloc(MAX_BYTES);
    const n = readSync(fd, buffer, 0, MAX_BYTES, 0);
    const done = (JSON.parse(buffer.subarray(0, n).toString("utf8")) as { done?: unknown }).done;
    return Array.isArray(done) ? done.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  } finally {
    closeSync(fd);
  }
}

/** A folder netl may write in as root: a real folder (opened without following a link) of root's or the owner's. */
function folderProblem(dir: string, fd: number, owner: ProgressPlace["owner"]): string | undefined {
  const s = fstatSync(fd);
  const mine = process.geteuid?.() ?? 0;
  if (s.uid !== 0 && s.uid !== mine && s.uid !== owner?.uid) return `${dir} belongs to another user (uid ${s.uid})`;
  if ((s.mode & 0o022) !== 0) return `${dir} may be written by other users`;
  return undefined;
}

/** Record `done`; why it could not be, or undefined once it is. */
export function writeProgress(place: ProgressPlace, done: readonly number[]): string | undefined {
  const dir = dirname(place.file);
  let made = false;
  let dfd: number | undefined;
  // Named through the folder's descriptor: a folder swapped for a link meanwhile changes nothing.
  const inDir = (name: string) => `/proc/self/fd/${dfd}/${name}`;
  const temp = `.${basename(place.file)}.${process.pid}.tmp`;
  try {
    try {
      mkdirSync(dir, { mode: 0o700 });
      made = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    try {
      dfd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ELOOP" || code === "ENOTDIR") return `${dir} is not a folder (a symbolic link or a file)`;
      throw e;
    }
    if (made && place.owner) fchownSync(dfd, place.owner.uid, place.owner.gid);
    const problem = folderProblem(dir, dfd, place.owner);
    if (problem !== undefined) return problem;
    const fd = openSync(
      inDir(temp),
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
    try {
      writeSync(fd, `${JSON.stringify({ done })}\n`);
      if (place.owner) fchownSync(fd, place.owner.uid, place.owner.gid);
    } finally {
      closeSync(fd);
    }
    // A rename replaces whatever has the name (a link too) and never writes through it.
    renameSync(inDir(temp), inDir(basename(place.file)));
    return undefined;
  } catch (e) {
    try {
      if (dfd !== undefined) unlinkSync(inDir(temp));
    } catch {}
    const code = (e as NodeJS.ErrnoException).code;
    return code === "EACCES" || code === "EPERM" ? `permission denied in ${dir}` : `${dir}: ${String(code ?? e)}`;
  } finally {
    if (dfd !== undefined) closeSync(dfd);
  }
}
