// `netl attach LAB`: the REPL on a lab that is up and whose netl has ended, working from the World that
// netl kept (runtime/world-file.ts), checked against the kernel first; the lab stays up when the REPL
// ends unless --down (or `reset` empties it). `netl show LAB [NODE]`: what `show` prints there.
import { Driver } from "../driver/driver.js";
import { EXIT, needRoot } from "../driver/exit.js";
import { labSetup } from "../driver/setup.js";
import { attachedLine, differenceLines } from "../present/attach.js";
import { renderError } from "../present/render-error.js";
import { showNode, showWorld } from "../present/show.js";
import { ProcessExecutor } from "../runtime/executor.js";
import { standings } from "../runtime/identity.js";
import { lockPath, namedHolder } from "../runtime/lab-lock.js";
import { lockHeld } from "../runtime/lab-record.js";
import { showKernel } from "../runtime/queries.js";
import { namespaceName } from "../runtime/session-types.js";
import { differences } from "../runtime/world-check.js";
import { type ServeFlags, serveAt, wantsPage } from "../serve/at.js";
import type { Io } from "./io.js";
import { findLab, NETNS_DIR, nodeNamespace, refuseRootless } from "./lab-up.js";
import { runDir } from "./ls.js";

export async function attachCommand(
  lab: string,
  options: { down?: boolean; explain?: boolean } & ServeFlags,
  io: Io,
): Promise<number> {
  if (refuseRootless("attach", lab, io) || !needRoot("attach", io)) return EXIT.usage;
  const up = findLab(lab, io);
  if ("code" in up) return up.code;
  const { record, world } = up;
  if (lockHeld(runDir(), lab)) {
    const pid = namedHolder(lockPath(runDir(), lab));
    io.err(`lab '${lab}' is in use by its netl${pid ? ` (pid ${pid})` : ""}: work in it there, or end that netl first`);
    return EXIT.failed;
  }
  // Only the namespaces the lab made count as its own: one made again by hand under a node's name is not.
  const stand = standings(record.namespaces, NETNS_DIR);
  const others = stand.filter((s) => s.kind === "other" || s.kind === "machine").map((s) => s.id.name);
  if (others.length > 0) {
    io.err(
      `lab '${lab}' is not whole: ${others.join(", ")} ${others.length === 1 ? "is" : "are"} no longer the namespace${others.length === 1 ? "" : "s"} it made (another has the name now); netl down ${lab} removes the rest and leaves ${others.length === 1 ? "it" : "them"} alone`,
    );
    return EXIT.failed;
  }
  const ours = new Set(stand.filter((s) => s.kind === "ours").map((s) => s.id.name));
  const executor = new ProcessExecutor();
  const nsName = namespaceName(record.prefix);
  const found = await differences(world, executor, nsName, (ns) => ours.has(ns));
  const gone = found.filter((d) => d.kind === "namespace-missing");
  if (world.nodes.size > 0 && gone.length > 0) {
    const all = gone.length === world.nodes.size;
    io.err(
      `lab '${lab}' is ${all ? "gone" : "not whole"}: ${gone.map((d) => d.node).join(", ")} ${gone.length === 1 ? "has" : "have"} no namespace any more; netl down ${lab} removes ${all ? "its record" : "the rest"}`,
    );
    return EXIT.failed;
  }
  // --serve: a page that follows the lab while the REPL works in it.
  const page = wantsPage(options) ? await (await import("../serve/start.js")).startPage(options, io) : undefined;
  if (wantsPage(options) && page === undefined) return EXIT.usage;
  const setup = labSetup({ lab, prefix: record.prefix, explain: options.explain, page, serveAt: serveAt(options) }, io);
  const attached = Driver.attach({ ...setup, executor }, world);
  if (!attached.ok) {
    await page?.close();
    io.err(renderError(attached.error, undefined, "", io.c));
    return EXIT.failed;
  }
  // The feed starts empty: it is told the attached World at once, so `netl serve` and the page show it.
  attached.value.feed?.changed(world);
  attached.value.feed?.flush();
  io.out(io.c.dim(attachedLine(lab, world)));
  for (const line of differenceLines(found)) io.err(io.c.yellow(line));
  const { replOnProcess } = await import("../repl/command.js");
  try {
    return await replOnProcess(attached.value, lab, options.down !== true, io);
  } finally {
    await page?.close();
  }
}

/** `netl show LAB`: the lab as its netl knows it; `netl show LAB NODE`: that node as the kernel sees it. */
export async function showCommand(lab: string, node: string | undefined, io: Io): Promise<number> {
  const up = findLab(lab, io);
  if ("code" in up) return up.code;
  if (node === undefined) {
    io.out(showWorld(up.world));
    return EXIT.ok;
  }
  if (!needRoot("show", io)) return EXIT.usage;
  const ns = nodeNamespace(up, node, io);
  if (ns === undefined) return EXIT.failed;
  io.out(showNode(up.world, node, await showKernel(new ProcessExecutor(), ns)));
  return EXIT.ok;
}
