// Checks shared by the statements: nodes and interfaces that must exist (with did-you-mean),
// names that must be new and valid, addresses that must be free in the whole lab.
import type { EndRef, Name } from "../../grammar/ast.js";
import type { Span } from "../diagnostic.js";
import { ok, type Result } from "../diagnostic.js";
import { nearest } from "../suggest.js";
import { addressOf, subnetOf } from "./addressing.js";
import { problem } from "./problem.js";
import { HOST, type Iface, type LinkEndRef, type Node, type World } from "./world.js";

/** Node names become file names under /run/netns. */
export const MAX_NODE_NAME = 32;
/** IFNAMSIZ less the terminating NUL. */
export const MAX_IFNAME = 15;

const NODE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
// What the kernel's dev_valid_name refuses, plus ':' which netl uses to write NODE:IF.
const BAD_IFNAME = /[\s/:]/;

const didYouMean = (word: string, candidates: Iterable<string>): string | undefined => {
  const near = nearest(word, candidates);
  return near === undefined ? undefined : `did you mean '${near}'?`;
};

/** A few names for a hint, without walking a large lab. */
export function someNames(names: Iterable<string>, limit = 6): string {
  const out: string[] = [];
  for (const name of names) {
    if (out.length === limit) return `${out.join(", ")}, …`;
    out.push(name);
  }
  return out.join(", ");
}

export const hostNotSupported = <T>(span: Span): Result<T> =>
  problem(
    "not-supported",
    "'host' (the machine's own namespace) is not supported here yet",
    span,
    "use a node of the lab",
  );

export function requireNode(world: World, name: Name): Result<Node> {
  if (name.text === HOST) return hostNotSupported(name.span);
  const node = world.nodes.get(name.text);
  if (node) return ok(node);
  const hint = didYouMean(name.text, world.nodes.keys()) ?? `create it first: ns ${name.text}`;
  return problem("unknown-node", `unknown node '${name.text}'`, name.span, hint);
}

/** A node that `del` can remove. */
export function requireNodeToDelete(world: World, name: Name): Result<Node> {
  if (name.text === HOST) return reservedHost(name.span);
  const node = world.nodes.get(name.text);
  if (node) return ok(node);
  const hint =
    didYouMean(name.text, world.nodes.keys()) ??
    (world.nodes.size === 0 ? "the lab is empty" : `the lab's nodes: ${someNames(world.nodes.keys())}`);
  return problem("unknown-node", `no node '${name.text}' to delete`, name.span, hint);
}

const reservedHost = <T>(span: Span): Result<T> =>
  problem("reserved-name", "'host' is the machine's own namespace, not a node name", span, "pick another name");

/** A name for a node about to be created; `taken` holds names created earlier in the same statement. */
export function requireNewNodeName(world: World, name: Name, taken: ReadonlySet<string>): Result<string> {
  const text = name.text;
  if (text === HOST) return reservedHost(name.span);
  if (!NODE_NAME.test(text))
    return problem(
      "bad-name",
      `'${text}' is not a valid node name`,
      name.span,
      "a node name starts with a letter and holds letters, digits, '_' and '-'",
    );
  if (text.length > MAX_NODE_NAME)
    return problem(
      "name-too-long",
      `node name '${text}' is too long (${text.length} characters; at most ${MAX_NODE_NAME})`,
      name.span,
      "node names become file names under /run/netns; pick a shorter one",
    );
  if (world.nodes.has(text) || taken.has(text))
    return problem(
      "node-exists",
      `node '${text}' already exists`,
      name.span,
      `pick another name, or remove it first: del ${text}`,
    );
  return ok(text);
}

/** The lowest `ethN` not used on the node. */
export function freeIfname(node: Node): string {
  for (let n = 0; ; n++) {
    const candidate = `eth${n}`;
    if (!node.ifaces.has(candidate)) return candidate;
  }
}

/** An interface name for a new link end on `node`. */
export function requireNewIfname(node: Node, name: Name): Result<string> {
  const text = name.text;
  if (text === "lo")
    return problem(
      "reserved-name",
      `'lo' is ${node.name}'s loopback, not a link end`,
      name.span,
      `name the end something else, e.g. ${node.name}:${freeIfname(node)}`,
    );
  if (text === "" || text === "." || text === ".." || BAD_IFNAME.test(text))
    return problem(
      "bad-name",
      `'${text}' is not a valid interface name`,
      name.span,
      "interface names hold no spaces, '/' or ':'",
    );
  if (text.length > MAX_IFNAME)
    return problem(
      "ifname-too-long",
      `interface name '${text}' is too long (${text.length} characters; at most ${MAX_IFNAME})`,
      name.span,
      "the kernel allows 15 characters (IFNAMSIZ)",
    );
  if (node.ifaces.has(text))
    return problem(
      "ifname-exists",
      `${node.name} already has an interface ${text}`,
      name.span,
      `leave the name out to get the next free one (${freeIfname(node)})`,
    );
  return ok(text);
}

export const interfaceList = (node: Node): string => someNames(node.ifaces.keys(), 8);

export function requireIface(node: Node, name: Name): Result<Iface> {
  const iface = node.ifaces.get(name.text);
  if (iface) return ok(iface);
  const hint = didYouMean(name.text, node.ifaces.keys()) ?? `${node.name}'s interfaces: ${interfaceList(node)}`;
  return problem("unknown-interface", `${node.name} has no interface ${name.text}`, name.span, hint);
}

/** An address (no prefix length) that no interface of the lab, nor an earlier part of this statement, holds. */
export function requireFreeAddress(
  world: World,
  pending: ReadonlyMap<string, LinkEndRef>,
  address: string,
  span: Span,
  hint: string,
): Result<string> {
  const owner = world.addresses.get(address) ?? pending.get(address);
  if (owner === undefined) return ok(address);
  return problem("address-in-use", `${address} is already used by ${owner.node}:${owner.ifname}`, span, hint);
}

/**
 * A new address must not upset the node's routes: the kernel would refuse to re-add them (undo,
 * redo) with the address present, a gateway being local or an IPv4 destination being connected.
 */
export function requireAddressFitsRoutes(node: Node, cidr: string, span: Span): Result<void> {
  if (node.routes.length === 0) return ok(undefined);
  const address = addressOf(cidr);
  const subnet = subnetOf(cidr);
  for (const route of node.routes) {
    const text = `${route.destination} via ${route.via} dev ${route.dev}`;
    if (route.via === address)
      return problem(
        "address-is-gateway",
        `${address} is the gateway of ${node.name}'s route ${text}`,
        span,
        "a node cannot be its own gateway; pick another address",
      );
    if (route.destination === subnet)
      return problem(
        "routed-subnet",
        `${node.name} routes ${subnet} via ${route.via} already; an address on it would clash`,
        span,
        "pick an address on another subnet",
      );
  }
  return ok(undefined);
}

/** A lab node, or `host` (World.host: what the lab owns in the machine's namespace). */
export const requireNodeOrHost = (world: World, name: Name): Result<Node> =>
  name.text === HOST ? ok(world.host) : requireNode(world, name);

/** Both ends of a link statement: lab nodes, or `host` for the machine's own namespace. */
export function requireLinkNodes(world: World, a: EndRef, b: EndRef): Result<readonly [Node, Node]> {
  const aNode = requireNodeOrHost(world, a.node);
  if (!aNode.ok) return aNode;
  const bNode = requireNodeOrHost(world, b.node);
  if (!bNode.ok) return bNode;
  return ok([aNode.value, bNode.value] as const);
}
