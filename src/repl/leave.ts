// Leaving the REPL: the lab goes (unless kept), and netl says exactly what it removed or left up.
import type { Driver } from "../driver/driver.js";
import type { Io } from "../present/io.js";
import { plural } from "../present/words.js";

/** Close the lab; returns how many teardown steps failed. */
export async function leave(driver: Driver, lab: string, keep: boolean, io: Io): Promise<number> {
  const nodes = driver.world.nodes.size;
  const closed = await driver.close(keep);
  for (const f of closed.failures) io.err(io.c.red(`teardown: ${f}`));
  if (keep && nodes > 0) {
    io.out(
      io.c.dim(
        `lab '${lab}' is up (${plural(nodes, "node")}); remove it with: netl down ${lab}; work in it again with: netl attach ${lab}`,
      ),
    );
  } else if (closed.removed.length > 0) {
    io.out(io.c.dim(`removed lab '${lab}': ${closed.removed.join(", ")}`));
  } else {
    io.out(io.c.dim(`lab '${lab}' was empty; nothing to remove`));
  }
  return closed.failures.length;
}
