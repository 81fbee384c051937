// The user's shell in a node (runtime/node-shell.ts): $SHELL, else sh, under `ip netns exec NS`, its own
// start-up files first and then the node's name in front of its prompt; netl's start-up files exist
// while the shell runs and are gone after, whatever its exit status.
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test } from "vitest";
import type { Executor } from "../../src/runtime/executor.js";
import { DIR, shellIn, shellPlan, userShell } from "../../src/runtime/node-shell.js";

test("which shell: $SHELL, else sh (an empty SHELL is none)", () => {
  expect(userShell({ SHELL: "/bin/zsh" })).toBe("/bin/zsh");
  expect(userShell({})).toBe("sh");
  expect(userShell({ SHELL: " " })).toBe("sh");
});

test("each shell's way to the prompt: bash and zsh through start-up files, fish an init command, others PS1", () => {
  const env = { HOME: "/home/o'neil" };
  const bash = shellPlan("/bin/bash", "A", env, true);
  expect(bash.argv).toEqual(["/bin/bash", "--rcfile", `${DIR}/bashrc`, "-i"]);
  expect(bash.files.bashrc).toBe(`[ -r ~/.bashrc ] && . ~/.bashrc\nPS1='(A) '"$PS1"\n`);
  const zsh = shellPlan("/usr/bin/zsh", "A", env, true);
  expect(zsh.env).toEqual({ ZDOTDIR: DIR });
  expect(zsh.files[".zshrc"]).toBe(
    `ZDOTDIR='/home/o'\\''neil'\n[ -r '/home/o'\\''neil/.zshrc' ] && . '/home/o'\\''neil/.zshrc'\nPROMPT='(A) '"$PROMPT"\n`,
  );
  expect(zsh.files[".zshenv"]).toContain(". '/home/o'\\''neil/.zshenv'");
  expect(shellPlan("/usr/bin/fish", "A", env, true).argv.slice(1, 3)).toEqual(["-i", "-C"]);
  expect(shellPlan("sh", "A", env, true)).toEqual({ argv: ["sh", "-i"], env: { PS1: "(A) # " }, files: {} });
  expect(shellPlan("/bin/dash", "B", env, false).env).toEqual({ PS1: "(B) $ " });
});

test("shellIn: ip netns exec NS SHELL, the node in the environment, start-up files there while it runs only", async () => {
  const seen: { argv: readonly string[]; env: NodeJS.ProcessEnv | undefined; rc: string }[] = [];
  const executor: Executor = {
    run: () => Promise.reject(new Error("not used")),
    interactive: async (argv, options) => {
      const rcfile = argv[argv.indexOf("--rcfile") + 1] ?? "";
      seen.push({ argv, env: options?.env, rc: readFileSync(rcfile, "utf8") });
      return 3;
    },
  };
  const status = await shellIn(executor, "p-A", {
    label: "A",
    vars: { NETL_LAB: "lab", NETL_NODE: "A" },
    env: { SHELL: "/bin/bash", HOME: "/root", PATH: "/usr/bin" },
  });
  expect(status).toBe(3);
  const [run] = seen;
  expect(run?.argv.slice(0, 6)).toEqual(["ip", "netns", "exec", "p-A", "/bin/bash", "--rcfile"]);
  expect(run?.env).toMatchObject({ NETL_LAB: "lab", NETL_NODE: "A", PATH: "/usr/bin", HOME: "/root" });
  expect(run?.rc).toContain("PS1='(A) '");
  const rcfile = run?.argv[6] ?? "";
  expect(rcfile).toMatch(/netl-shell-.*\/bashrc$/);
  expect(existsSync(dirname(rcfile))).toBe(false);
});

test("shellIn: a shell that cannot start still leaves no start-up files behind", async () => {
  let rcfile = "";
  const executor: Executor = {
    run: () => Promise.reject(new Error("not used")),
    interactive: async (argv) => {
      rcfile = argv[argv.indexOf("--rcfile") + 1] ?? "";
      throw new Error("cannot start");
    },
  };
  await expect(shellIn(executor, "A", { label: "A", vars: {}, env: { SHELL: "bash" } })).rejects.toThrow();
  expect(rcfile).not.toBe("");
  expect(existsSync(dirname(rcfile))).toBe(false);
});
