// `netl exec LAB NODE -- CMD…` and `netl shell LAB NODE`: a program in a node of a lab that is up, on
// this process's own standard input, output and error (a terminal, a pipe, a file), in netl's process
// group so the terminal's Ctrl-C reaches it. Its exit status is netl's.
import { EXIT } from "../driver/exit.js";
import { ProcessExecutor } from "../runtime/executor.js";
import { commandIn, shellIn } from "../runtime/node-shell.js";
import type { Io } from "./io.js";
import { findLab, nodeNamespace, refuseRootless } from "./lab-up.js";

export async function execCommand(lab: string, node: string, argv: readonly string[], io: Io): Promise<number> {
  if (refuseRootless("exec", lab, io)) return EXIT.usage;
  const up = findLab(lab, io);
  if ("code" in up) return up.code;
  const ns = nodeNamespace(up, node, io);
  if (ns === undefined) return EXIT.failed;
  return commandIn(new ProcessExecutor(), ns, argv);
}

export async function shellCommand(lab: string, node: string, io: Io): Promise<number> {
  if (refuseRootless("shell", lab, io)) return EXIT.usage;
  const up = findLab(lab, io);
  if ("code" in up) return up.code;
  const ns = nodeNamespace(up, node, io);
  if (ns === undefined) return EXIT.failed;
  return shellIn(new ProcessExecutor(), ns, { label: node, vars: { NETL_LAB: lab, NETL_NODE: node } });
}
