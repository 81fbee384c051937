// What the driver says of a command it ran for the user (`exec`): how it ended.
import { catalogue, entry } from "./catalogue.js";

export const OUTCOME = catalogue("outcome", {
  /** `exec A: exit status 2` */
  exitStatus: entry<{ what: string; code: number }>(
    (a) => `${a.what}: exit status ${a.code}`,
    (a) => `${a.what}：退出状态 ${a.code}`,
  ),
  /** An `expect` and what it found: `✓ expect ping A B  (A -> 10.0.0.2: ok …)`. */
  expected: entry<{ mark: string; statement: string; found: string }>(
    (a) => `${a.mark} ${a.statement}  (${a.found})`,
    (a) => `${a.mark} ${a.statement}（结果：${a.found}）`,
  ),
  /** Ctrl-C during `exec`: the command stopped, nothing of the lab changed. */
  interruptedExec: entry(
    () => "interrupted: only the command was stopped; the lab is as it was",
    () => "已中断：只停止了这条命令，实验环境保持原样",
  ),
});
