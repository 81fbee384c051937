// `move eth5 -> A [force]`, `move A:eth5 -> host`, `move A:eth5 -> B`: an interface of the
// machine into the lab, back, or on to another node. Refused before any change: an interface
// the machine lacks or the lab owns, and without `force` one that carries a default route.
import type { MoveStmt, Name } from "../../../grammar/ast.js";
import { ok, type Result } from "../../diagnostic.js";
import { nearest } from "../../suggest.js";
import { interfaceList, requireIface, requireNode, someNames } from "../checks.js";
import { HOST_IFNAME } from "../host-names.js";
import { machineRouteText } from "../host-overlap.js";
import { defaultRoutesVia, type MachineFacts, type Origin, originOf, UNREAD } from "../machine.js";
import { moveBackOps, moveInOps, passOps, takeIn, takeOut } from "../moved.js";
import type { Change } from "../plan.js";
import { problem } from "../problem.js";
import { linkName } from "../summary.js";
import { HOST, type Iface, type Node, type World } from "../world.js";

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** `(192.0.2.9/24, mtu 1500, up, qdisc tbf, 2 settings)`: what the machine gets back, and what it cannot. */
function returnNote(origin: Origin): string {
  const parts = [...origin.addresses];
  if (origin.mtu !== undefined) parts.push(`mtu ${origin.mtu}`);
  parts.push(origin.up ? "up" : "down");
  if (origin.routes.length > 0) parts.push(count(origin.routes.length, "route"));
  if (origin.qdisc !== undefined) parts.push(`qdisc ${origin.qdisc[0]}`);
  const conf = origin.conf?.length ?? 0;
  if (conf > 0) parts.push(count(conf, "setting"));
  if (origin.lostQdisc !== undefined) parts.push(`not its qdisc ${origin.lostQdisc}: netl cannot put it back`);
  return `(${parts.join(", ")})`;
}

function fromMachine(world: World, stmt: MoveStmt, facts: MachineFacts): Result<Change> {
  const ifname = stmt.iface.ifname.text;
  const span = stmt.iface.ifname.span;
  if (stmt.to.text === HOST)
    return problem(
      "same-place",
      `${ifname} is in the machine's namespace already`,
      stmt.to.span,
      "move it into a node",
    );
  const found = requireNode(world, stmt.to);
  if (!found.ok) return found;
  const to = found.value;
  if (ifname === "lo")
    return problem("reserved-name", "the machine's lo cannot leave its namespace", span, "move another interface");
  const own = world.host.ifaces.get(ifname);
  const link = own?.link === undefined ? undefined : world.links.get(own.link);
  if (link !== undefined)
    return problem(
      "owned-interface",
      `${ifname} is the lab's own end of link ${linkName(link)}, not an interface of the machine`,
      span,
      "links are made and removed with link and unlink",
    );
  const holder = world.moved.get(ifname);
  if (holder !== undefined)
    return problem(
      "owned-interface",
      `${ifname} is in ${holder} already (moved there from the machine)`,
      span,
      holder === to.name
        ? `move it back with: move ${holder}:${ifname} -> host`
        : `move ${holder}:${ifname} -> ${to.name}`,
    );
  if (HOST_IFNAME.test(ifname))
    return problem(
      "owned-interface",
      `${ifname} is named like an interface of another netl lab`,
      span,
      "netl moves only the machine's own interfaces",
    );
  const state = facts.state;
  if (state !== undefined) {
    if (!state.interfaces.has(ifname)) {
      const near = nearest(ifname, state.interfaces.keys());
      return problem(
        "unknown-interface",
        `the machine has no interface ${ifname}`,
        span,
        near ? `did you mean '${near}'?` : `the machine's interfaces: ${someNames(state.interfaces.keys(), 8)}`,
      );
    }
    const [route] = defaultRoutesVia(state, ifname);
    if (route !== undefined && !stmt.force)
      return problem(
        "default-route",
        `${ifname} carries the machine's default route (${machineRouteText(route)}); moving it can cut the machine off its network`,
        span,
        `if that is really meant, say so: move ${ifname} -> ${to.name} force`,
      );
  }
  if (to.ifaces.has(ifname)) return nameTaken(to, ifname, stmt);
  const origin = originOf(facts, ifname);
  const note = state === undefined ? "" : ` ${returnNote(origin)}`;
  return ok({
    before: world,
    after: takeIn(world, to.name, ifname, origin, origin.up),
    ops: moveInOps(ifname, origin, to.name),
    summary: [`+ move ${ifname} -> ${to.name}${note}`],
  });
}

const nameTaken = (to: Node, ifname: string, stmt: MoveStmt): Result<Change> =>
  problem(
    "ifname-exists",
    `${to.name} already has an interface ${ifname}`,
    stmt.to.span,
    "a moved interface keeps its name; move it into another node",
  );

function notMoved(world: World, node: Node, iface: Iface, stmt: MoveStmt): Result<Change> {
  const link = iface.link === undefined ? undefined : world.links.get(iface.link);
  const what =
    link !== undefined ? `an end of link ${linkName(link)}` : iface.name === "lo" ? "its loopback" : "made by the lab";
  return problem(
    "not-moved",
    `${node.name}:${iface.name} is ${what}; only interfaces moved in from the machine can move on`,
    stmt.iface.span,
    link !== undefined
      ? `remove the link instead: unlink ${linkName(link)}`
      : `${node.name}'s interfaces: ${interfaceList(node)}`,
  );
}

function fromNode(world: World, stmt: MoveStmt, facts: MachineFacts, name: Name): Result<Change> {
  const found = requireNode(world, name);
  if (!found.ok) return found;
  const node = found.value;
  const checked = requireIface(node, stmt.iface.ifname);
  if (!checked.ok) return checked;
  const iface = checked.value;
  const origin = iface.origin;
  if (origin === undefined) return notMoved(world, node, iface, stmt);
  const where = `${node.name}:${iface.name}`;
  if (stmt.to.text === HOST) {
    if (facts.state?.interfaces.has(iface.name) || world.host.ifaces.has(iface.name))
      return problem(
        "ifname-exists",
        `the machine has an interface named ${iface.name} again`,
        stmt.to.span,
        "move it into another node for now",
      );
    return ok({
      before: world,
      after: takeOut(world, node.name, iface.name),
      ops: moveBackOps(node, iface, origin),
      summary: [`+ move ${where} -> host ${returnNote(origin)}`],
    });
  }
  if (stmt.to.text === node.name)
    return problem("same-place", `${iface.name} is in ${node.name} already`, stmt.to.span, "move it to another node");
  const target = requireNode(world, stmt.to);
  if (!target.ok) return target;
  if (target.value.ifaces.has(iface.name)) return nameTaken(target.value, iface.name, stmt);
  return ok({
    before: world,
    after: takeIn(takeOut(world, node.name, iface.name), target.value.name, iface.name, origin, iface.up),
    ops: passOps(node, iface, target.value.name),
    summary: [`+ move ${where} -> ${target.value.name}`],
  });
}

export function evaluateMove(world: World, stmt: MoveStmt, facts: MachineFacts = UNREAD): Result<Change> {
  const node = stmt.iface.node;
  return node === undefined || node.text === HOST
    ? fromMachine(world, stmt, facts)
    : fromNode(world, stmt, facts, node);
}
