// Writing a file as root where other people can reach: never through a symbolic link, never into a
// file or a folder owned by another user (or one others may write to) unless the caller says `force`,
// and always by a new file in the same folder renamed into place, so what was there is replaced, never
// written into. The folder is held open while it is checked and written, and named through that
// descriptor (/proc/self/fd/N/NAME), so a folder swapped meanwhile changes nothing.
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, resolve, sep } from "node:path";

/** Why a file was not written, and what to do about it. */
export interface Refusal {
  readonly message: string;
  readonly hint?: string;
  /** `force` would write it: the caller says how to ask for it (`--force`, `save "F" force`). */
  readonly forcible?: true;
}

export interface WriteOptions {
  /** Permission bits of a new file (an existing one keeps its own); the umask applies. */
  readonly mode?: number;
  /** Asked explicitly: into a folder or over a file of another user, or over a symbolic link (replaced, not followed). */
  readonly force?: boolean;
  /** Who may own what is written through: root and this user (for tests: another set). */
  readonly trusted?: ReadonlySet<number>;
  /** Whose what is written is (root writing a file of the user it runs for, under sudo); netl's own when absent. */
  readonly owner?: { readonly uid: number; readonly gid: number };
}

const euid = (): number => process.geteuid?.() ?? 0;
export const trustedOwners = (): ReadonlySet<number> => new Set([0, euid()]);

const errno = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);
const what = (e: unknown): string => {
  const code = errno(e);
  return code === "ENOENT"
    ? "no such folder"
    : code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EISDIR"
        ? "it is a folder"
        : code;
};

const STICKY = 0o1000;

/** A folder others may change under us: owned by someone else, or writable by others without the sticky bit. */
function unsafeFolder(dir: string, s: Stats, trusted: ReadonlySet<number>): Refusal | undefined {
  if (!trusted.has(s.uid))
    return { message: `${dir} belongs to another user (uid ${s.uid}), who could replace what is written there` };
  if ((s.mode & 0o022) !== 0 && (s.mode & STICKY) === 0)
    return { message: `${dir} may be written by other users, who could replace what is written there` };
  return undefined;
}

/** Every folder from / down to `dir` (itself resolved), each checked; the last one's stat. */
function checkFolders(dir: string, options: WriteOptions): { real: string; stat: Stats } | Refusal {
  const trusted = options.trusted ?? trustedOwners();
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    return { message: `cannot write in ${dir}: ${what(e)}` };
  }
  const parts = real.split(sep).filter(Boolean);
  let stat: Stats | undefined;
  for (let i = 0; i <= parts.length; i++) {
    const at = `/${parts.slice(0, i).join("/")}`;
    try {
      stat = lstatSync(at);
    } catch (e) {
      return { message: `cannot write in ${dir}: ${what(e)}` };
    }
    if (!stat.isDirectory()) return { message: `cannot write in ${dir}: ${at} changed while it was read` };
    const unsafe = unsafeFolder(at, stat, trusted);
    if (unsafe && !options.force) return { ...unsafe, forcible: true };
  }
  return stat === undefined ? { message: `cannot write in ${dir}` } : { real, stat };
}

/** What is at the path now, judged: undefined when it may be replaced; its mode when it is a file. */
function checkTarget(at: string, shown: string, options: WriteOptions): { mode?: number } | Refusal {
  let s: Stats;
  try {
    s = lstatSync(at);
  } catch (e) {
    return errno(e) === "ENOENT" ? {} : { message: `cannot write ${shown}: ${what(e)}` };
  }
  if (s.isDirectory()) return { message: `cannot write ${shown}: it is a folder` };
  if (s.isSymbolicLink())
    return options.force
      ? {}
      : {
          message: `${shown} is a symbolic link: netl never writes through one`,
          hint: "write to the file it names; force replaces the link itself with the file",
          forcible: true,
        };
  if (!s.isFile()) return { message: `cannot write ${shown}: it is not a regular file` };
  const trusted = options.trusted ?? trustedOwners();
  if (!trusted.has(s.uid) && !options.force)
    return { message: `${shown} belongs to another user (uid ${s.uid})`, forcible: true };
  return { mode: s.mode & 0o7777 };
}

const isRefusal = (x: object): x is Refusal => "message" in x;

/**
 * Write `text` to `path` safely (see the top of this file): undefined once it is in place, or why it
 * was not written. A new file gets `mode` (default 0666 less the umask); an existing one keeps its mode.
 */
export function writeSafely(path: string, text: string | Uint8Array, options: WriteOptions = {}): Refusal | undefined {
  const full = resolve(path);
  const name = basename(full);
  const folders = checkFolders(dirname(full), options);
  if (isRefusal(folders)) return folders;
  let dirFd: number;
  try {
    dirFd = openSync(folders.real, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (e) {
    return { message: `cannot write in ${dirname(full)}: ${what(e)}` };
  }
  try {
    const held = fstatSync(dirFd);
    if (held.ino !== folders.stat.ino || held.dev !== folders.stat.dev)
      return { message: `cannot write in ${dirname(full)}: it changed while it was checked` };
    // Named through the open folder: a folder renamed or replaced by a link meanwhile is not followed.
    const inDir = (n: string) => `/proc/self/fd/${dirFd}/${n}`;
    const target = checkTarget(inDir(name), path, options);
    if (isRefusal(target)) return target;
    const tmp = `.${name}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
    const mode = target.mode ?? options.mode ?? 0o666;
    let fd: number;
    try {
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
      fd = openSync(inDir(tmp), flags, mode);
    } catch (e) {
      return { message: `cannot write ${path}: ${what(e)}` };
    }
    try {
      const bytes = typeof text === "string" ? Buffer.from(text) : text;
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
      // An existing file's own bits, which the umask must not cut.
      if (target.mode !== undefined) fchmodSync(fd, target.mode);
      if (options.owner !== undefined) fchownSync(fd, options.owner.uid, options.owner.gid);
      closeSync(fd);
      renameSync(inDir(tmp), inDir(name));
      return undefined;
    } catch (e) {
      try {
        closeSync(fd);
      } catch {}
      try {
        unlinkSync(inDir(tmp));
      } catch {}
      return { message: `cannot write ${path}: ${what(e)}` };
    }
  } finally {
    closeSync(dirFd);
  }
}

/**
 * A folder of netl's own (`~/.netl`) made where it is safe to: its parents checked as for a file; made
 * with `mode` when missing; an existing one must be a folder (not a link) owned by root or this user.
 */
export function ensureFolder(path: string, mode = 0o700, options: WriteOptions = {}): Refusal | undefined {
  const full = resolve(path);
  const parents = checkFolders(dirname(full), options);
  if (isRefusal(parents)) return parents;
  const at = `${parents.real}/${basename(full)}`;
  try {
    const s = lstatSync(at);
    if (!s.isDirectory())
      return { message: `${path} is not a folder${s.isSymbolicLink() ? " (a symbolic link)" : ""}` };
    const unsafe = unsafeFolder(path, s, options.trusted ?? trustedOwners());
    return unsafe && !options.force ? { ...unsafe, forcible: true } : undefined;
  } catch (e) {
    if (errno(e) !== "ENOENT") return { message: `cannot use ${path}: ${what(e)}` };
  }
  try {
    // mkdir never follows a link at its last component: one planted meanwhile makes it fail (EEXIST).
    mkdirSync(at, { mode });
    if (options.owner !== undefined) {
      // Given through a descriptor of the folder itself: a link put in its place is not followed.
      const fd = openSync(at, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
      try {
        fchownSync(fd, options.owner.uid, options.owner.gid);
      } finally {
        closeSync(fd);
      }
    }
    return undefined;
  } catch (e) {
    return { message: `cannot make ${path}: ${what(e)}` };
  }
}

/**
 * A file of netl's own read back (history, tutorial progress, a lab's run files): only a regular file,
 * never through a link, never waiting on a FIFO, at most `maxBytes`; undefined when there is none or
 * it may not be read. `whole`: a longer file is not read at all (else the rest is left unread).
 */
export function readSafely(path: string, maxBytes: number, whole = false): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || (whole && st.size > maxBytes)) return undefined;
    const cap = whole ? st.size : maxBytes;
    const buf = Buffer.alloc(cap);
    let got = 0;
    for (let n = 1; n > 0 && got < cap; got += n) n = readSync(fd, buf, got, cap - got, null);
    return buf.subarray(0, got).toString("utf8");
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
