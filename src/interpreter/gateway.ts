// Where a route's gateway is: `via 10.0.0.2` must be on a subnet of one of the node's
// interfaces; `via B` is B's address on a link the two share. Either way the route gets a dev.
import type { Address, Name } from "../../grammar/ast.js";
import { ok, type Result } from "../diagnostic.js";
import { addressOf, type Family, familyOf, normalize, onSubnet, subnetOf } from "./addressing.js";
import { requireNodeOrHost, someNames } from "./checks.js";
import { linksOf } from "./links.js";
import { problem } from "./problem.js";
import { neighbours } from "./segments.js";
import { linkName } from "./summary.js";
import type { Node, World } from "./world.js";

export interface Gateway {
  readonly family: Family;
  readonly via: string;
  readonly dev: string;
}

/** The interface whose subnet holds `address`. Not lo: the kernel treats lo's subnets as local. */
function ifaceOnSubnet(node: Node, address: string): string | undefined {
  for (const iface of node.ifaces.values())
    if (iface.name !== "lo" && iface.addresses.some((cidr) => onSubnet(cidr, address))) return iface.name;
  return undefined;
}

function subnetsHint(node: Node): string {
  const subnets = (function* () {
    for (const iface of node.ifaces.values())
      if (iface.name !== "lo") for (const cidr of iface.addresses) yield `${subnetOf(cidr)} (${iface.name})`;
  })();
  const listed = someNames(subnets);
  return listed === "" ? `${node.name} has no addresses yet` : `${node.name}'s subnets: ${listed}`;
}

export function gatewayByAddress(world: World, node: Node, via: Address, family?: Family): Result<Gateway[]> {
  const address = normalize(via.address);
  if (family !== undefined && via.family !== family)
    return problem(
      "family-mismatch",
      `${address} is IPv${via.family} but the destination is IPv${family}`,
      via.span,
      "a route's gateway is of the same family as its destination",
    );
  if (world.addresses.get(address)?.node === node.name)
    return problem(
      "via-own-address",
      `${address} is ${node.name}'s own address`,
      via.span,
      "route via a neighbour's address on that subnet",
    );
  const dev = ifaceOnSubnet(node, address);
  if (dev === undefined)
    return problem(
      "gateway-unreachable",
      `${address} is not on any subnet of ${node.name}`,
      via.span,
      subnetsHint(node),
    );
  return ok([{ family: via.family, via: address, dev }]);
}

/**
 * For each family asked, the gateway's first address of that family on a link it shares with
 * the node, on a subnet of the node's own end. A family with no such address is left out.
 */
export function gatewaysByNode(world: World, node: Node, name: Name, families: readonly Family[]): Result<Gateway[]> {
  const peer = requireNodeOrHost(world, name);
  if (!peer.ok) return peer;
  const A = node.name;
  const B = peer.value.name;
  if (A === B)
    return problem("self-route", `'${A}' cannot route via itself`, name.span, "route via a node it shares a link with");
  // A link between them, or a switch (several joined) both are linked to.
  const shared = neighbours(world, node).filter((n) => n.far.node === B);
  if (shared.length === 0) {
    const mine = linksOf(world, node);
    return problem(
      "no-shared-link",
      `'${A}' and '${B}' share no link; route via an address instead, or link them`,
      name.span,
      mine.length === 0 ? `${A} has no links` : `${A}'s links: ${mine.map(linkName).join(", ")}`,
    );
  }
  const gateways: Gateway[] = [];
  let unreachable: { address: string; dev: string } | undefined;
  for (const family of families) {
    search: for (const { own, far } of shared) {
      const mine = node.ifaces.get(own.ifname)?.addresses ?? [];
      const theirs = peer.value.ifaces.get(far.ifname)?.addresses ?? [];
      for (const cidr of theirs) {
        const address = addressOf(cidr);
        if (familyOf(address) !== family) continue;
        if (mine.some((own) => onSubnet(own, address))) {
          gateways.push({ family, via: address, dev: own.ifname });
          break search;
        }
        unreachable ??= { address, dev: own.ifname };
      }
    }
  }
  if (gateways.length > 0) return ok(gateways);
  if (unreachable !== undefined)
    return problem(
      "gateway-unreachable",
      `${unreachable.address} is not on any subnet of ${A}`,
      name.span,
      `give ${A}:${unreachable.dev} an address on ${B}'s subnet`,
    );
  const [first] = shared;
  const where = first === undefined ? B : `${B}:${first.far.ifname}`;
  const which = families.length === 1 ? `IPv${families[0]} address` : "address";
  return problem(
    "no-gateway",
    `'${B}' has no ${which} on a link it shares with '${A}'`,
    name.span,
    `give it one: addr ${where} ADDRESS/PREFIX`,
  );
}
