// Where netl keeps its own files for whoever runs it (the REPL's history, the tutorial's progress):
// under HOME only when HOME is that user's own. Root run with another user's HOME (`sudo -E`, `su`
// without `-`) keeps them in root's own home instead (the password database's), and says so once.
import { statSync } from "node:fs";
import { userInfo } from "node:os";

export interface OwnHome {
  /** The folder to keep files under; undefined when no home of this user's own is found. */
  readonly dir: string | undefined;
  /** Said once when HOME was passed over. */
  readonly note?: string;
}

const ownerOf = (dir: string): number | undefined => {
  try {
    const s = statSync(dir);
    return s.isDirectory() ? s.uid : undefined;
  } catch {
    return undefined;
  }
};

const passwdHome = (): string | undefined => {
  try {
    return userInfo().homedir;
  } catch {
    return undefined;
  }
};

export function ownHome(
  env: NodeJS.ProcessEnv = process.env,
  uid = process.geteuid?.() ?? 0,
  own = passwdHome(),
): OwnHome {
  const given = env.HOME;
  if (given !== undefined && given !== "" && ownerOf(given) === uid) return { dir: given };
  const mine = own !== undefined && ownerOf(own) === uid ? own : undefined;
  if (given === undefined || given === "" || given === own) return { dir: mine };
  const whose = ownerOf(given);
  const why = whose === undefined ? "is not a folder" : `belongs to uid ${whose}, not to uid ${uid}`;
  return {
    dir: mine,
    note:
      mine === undefined
        ? `HOME (${given}) ${why}: netl keeps no history or progress there`
        : `HOME (${given}) ${why}: netl keeps its history and progress in ${mine} instead`,
  };
}
