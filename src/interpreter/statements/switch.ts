// `switch S [S2 …] [PREFIX …]`: namespaces holding a Linux bridge each; with prefixes, the nodes
// linked to the switch are numbered from them (see link-switch.ts).
import type { Cidr, SwitchStmt } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { hasRoomForTwo, isNetwork, networkOf, normalize } from "../addressing.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { bridgeOps, withBridge } from "../switches.js";
import { requireUsablePrefix } from "../usable.js";
import type { World } from "../world.js";
import { createNodes } from "./ns.js";

function checkPrefixes(stmt: SwitchStmt): Result<string[]> {
  const [first, second] = stmt.names;
  const [prefix] = stmt.prefixes;
  if (prefix !== undefined && first !== undefined && second !== undefined)
    return problem(
      "shared-prefix",
      "a prefix numbers one switch: two switches cannot both give out its addresses",
      prefix.span,
      `one statement per switch: switch ${first.text} ${prefix.address}/${prefix.prefixLength}`,
    );
  const out: string[] = [];
  const seen = new Set<number>();
  for (const p of stmt.prefixes) {
    const written = `${normalize(p.address)}/${p.prefixLength}`;
    if (seen.has(p.family))
      return problem(
        "prefix-twice",
        `a second IPv${p.family} prefix: ${written}`,
        p.span,
        "give a switch one prefix per family",
      );
    seen.add(p.family);
    const checked = checkOne(p, written);
    if (!checked.ok) return checked;
    out.push(checked.value);
  }
  return ok(out);
}

function checkOne(p: Cidr, written: string): Result<string> {
  if (!hasRoomForTwo(p.prefixLength, p.family))
    return problem(
      "prefix-too-small",
      `${written} is too small for a switch: it needs room for two addresses`,
      p.span,
      p.family === 4 ? "use a /24, say" : "use a /64, say",
    );
  const usable = requireUsablePrefix(written, p.span);
  if (!usable.ok) return usable;
  if (!isNetwork(p.address, p.prefixLength))
    return problem(
      "not-a-network",
      `${written} is an address, not a network`,
      p.span,
      `write ${networkOf(p.address, p.prefixLength)}/${p.prefixLength}`,
    );
  return ok(written);
}

export function evaluateSwitch(world: World, stmt: SwitchStmt): Result<Change> {
  const prefixes = checkPrefixes(stmt);
  if (!prefixes.ok) return prefixes;
  const created = createNodes(world, stmt.names, "switch");
  if (!created.ok) return created;
  let after = created.value.after;
  const ops = [...created.value.ops];
  for (const name of stmt.names) {
    after = withBridge(after, name.text, prefixes.value);
    ops.push(...bridgeOps(name.text));
  }
  const tail = prefixes.value.length > 0 ? ` ${prefixes.value.join(" ")}` : "";
  const summary = created.value.summary.map((line) => line + tail);
  return ok({ ...created.value, after, ops, summary });
}
