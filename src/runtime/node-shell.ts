// The user's shell inside a node's namespace, on the user's terminal (`shell A` in the REPL, `netl shell
// LAB A`): `ip netns exec NS $SHELL` (sh when SHELL is unset), with a prompt that names the node. The
// shell's own start-up files run first (bash's ~/.bashrc, zsh's ~/.zshrc, …), then the node's name goes
// in front of the prompt they set: for bash and zsh through a start-up file of netl's own in a temporary
// folder (removed when the shell ends), for fish an init command, for any other shell PS1.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Executor } from "./executor.js";

export interface ShellPlan {
  /** The shell and its arguments, to run under `ip netns exec NS`. */
  readonly argv: readonly string[];
  /** Variables to add to the user's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Start-up files to write first, by their name in the temporary folder (`DIR` in argv and env). */
  readonly files: Readonly<Record<string, string>>;
}

/** A word in single quotes for sh, zsh and bash. */
const quoted = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** Stands for the temporary folder in a plan's argv, env and files. */
export const DIR = "\0dir";

/**
 * How to start `shell` with `label` in front of its prompt. `env` is the user's environment: its HOME
 * and ZDOTDIR say where zsh's own files are.
 */
export function shellPlan(shell: string, label: string, env: NodeJS.ProcessEnv, root: boolean): ShellPlan {
  const name = basename(shell);
  const tag = `(${label}) `;
  if (name === "bash")
    return {
      argv: [shell, "--rcfile", `${DIR}/bashrc`, "-i"],
      env: {},
      // bash reads the system's bashrc itself, before the rcfile; the user's is the rcfile's to read.
      files: { bashrc: `[ -r ~/.bashrc ] && . ~/.bashrc\nPS1='${tag}'"$PS1"\n` },
    };
  if (name === "zsh") {
    const home = env.ZDOTDIR ?? env.HOME ?? "";
    const source = (file: string) => `[ -r ${quoted(`${home}/${file}`)} ] && . ${quoted(`${home}/${file}`)}\n`;
    return {
      argv: [shell, "-i"],
      env: { ZDOTDIR: DIR },
      // With ZDOTDIR moved, zsh reads netl's files: each reads the user's own; .zshrc restores ZDOTDIR.
      files: {
        ".zshenv": source(".zshenv"),
        ".zshrc": `ZDOTDIR=${quoted(home)}\n${source(".zshrc")}PROMPT='${tag}'"$PROMPT"\n`,
      },
    };
  }
  if (name === "fish")
    return {
      argv: [
        shell,
        "-i",
        "-C",
        `functions -c fish_prompt __netl_prompt; function fish_prompt; printf '%s' '${tag}'; __netl_prompt; end`,
      ],
      env: {},
      files: {},
    };
  return { argv: [shell, "-i"], env: { PS1: `${tag}${root ? "#" : "$"} ` }, files: {} };
}

/** The shell the user chose: $SHELL, else sh. */
export const userShell = (env: NodeJS.ProcessEnv): string =>
  env.SHELL !== undefined && env.SHELL.trim() !== "" ? env.SHELL : "sh";

export interface ShellOptions {
  /** What the prompt shows: the node's name. */
  readonly label: string;
  /** Added to the environment: NETL_LAB, NETL_NODE. */
  readonly vars: Readonly<Record<string, string>>;
  readonly env?: NodeJS.ProcessEnv;
  /** Aborted when netl must leave (its terminal closed): the shell is ended. */
  readonly stop?: AbortSignal;
}

/** Run the user's shell in namespace `ns` on this terminal until it exits: its exit status. */
export async function shellIn(executor: Executor, ns: string, options: ShellOptions): Promise<number> {
  const env = options.env ?? process.env;
  const plan = shellPlan(userShell(env), options.label, env, process.geteuid?.() === 0);
  const dir = Object.keys(plan.files).length > 0 ? mkdtempSync(join(tmpdir(), "netl-shell-")) : "";
  const place = (text: string) => text.split(DIR).join(dir);
  try {
    for (const [file, text] of Object.entries(plan.files)) writeFileSync(join(dir, file), place(text));
    const vars = Object.fromEntries(Object.entries(plan.env).map(([k, v]) => [k, place(v)]));
    return await run(
      executor,
      ["ip", "netns", "exec", ns, ...plan.argv.map(place)],
      { ...env, ...options.vars, ...vars },
      options.stop,
    );
  } finally {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  }
}

/** A program in namespace `ns` on this terminal (`netl exec`, `exec` in the REPL): its exit status. */
export function commandIn(
  executor: Executor,
  ns: string,
  argv: readonly string[],
  stop?: AbortSignal,
): Promise<number> {
  return run(executor, ["ip", "netns", "exec", ns, ...argv], undefined, stop);
}

function run(
  executor: Executor,
  argv: readonly string[],
  env?: NodeJS.ProcessEnv,
  stop?: AbortSignal,
): Promise<number> {
  if (executor.interactive === undefined) throw new Error("this executor cannot run a program on the terminal");
  return executor.interactive(argv, { ...(env ? { env } : {}), ...(stop ? { signal: stop } : {}) });
}
