// Opening a file to write as root where others may reach (a capture's pcap): never through a symbolic
// link (O_NOFOLLOW), never into a file another user owns or one with other names (a hard link planted to
// a file of root's), and checked on the descriptor itself before anything is cut or written.
import { closeSync, constants, fstatSync, ftruncateSync, openSync } from "node:fs";

export type Opened = { readonly ok: true; readonly fd: number } | { readonly ok: false; readonly why: string };

const trusted = (uid: number) => uid === 0 || uid === (process.geteuid?.() ?? 0);

export function openToWrite(path: string): Opened {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ELOOP"
        ? "it is a symbolic link"
        : code === "ENOENT"
          ? "no such folder"
          : code === "EISDIR"
            ? "it is a folder"
            : code === "EACCES" || code === "EPERM"
              ? "permission denied"
              : String(code ?? e);
    return { ok: false, why };
  }
  const s = fstatSync(fd);
  const refused = !s.isFile()
    ? "it is not a plain file"
    : s.nlink > 1
      ? "it has other names (hard links)"
      : !trusted(s.uid)
        ? `it belongs to another user (uid ${s.uid})`
        : undefined;
  if (refused !== undefined) {
    closeSync(fd);
    return { ok: false, why: refused };
  }
  ftruncateSync(fd, 0);
  return { ok: true, fd };
}
