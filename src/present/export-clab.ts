// `netl export --format containerlab`: the lab a script leaves (its final World) as a containerlab
// topology. Every node is a `linux` container without docker's network (`network-mode: none`), so its
// interfaces carry netl's own names (eth0 included); every link is a veth with the same ends; what netl
// does inside a namespace is the node's exec list (export-clab-exec.ts). What cannot come along is named.
import { stringify } from "yaml";
import { ruleText } from "../interpreter/firewall.js";
import type { World } from "../interpreter/world.js";
import { hostLink, linkMtu, nodeSetups, spawnLog } from "./export-clab-exec.js";

/** The image a node runs unless `--image` says otherwise: one containerlab's docs use, with iproute2 (ip, tc, bridge). */
export const DEFAULT_IMAGE = "ghcr.io/srl-labs/network-multitool";

export interface ClabEndpoint {
  readonly node: string;
  readonly interface: string;
}

export type ClabLink =
  | { readonly type: "veth"; readonly endpoints: readonly [ClabEndpoint, ClabEndpoint]; readonly mtu: number }
  | { readonly type: "host"; readonly endpoint: ClabEndpoint; readonly "host-interface": string; readonly mtu: number };

/** A command for the machine, run when the node enters its `configure` stage (its links are made by then). */
export interface ClabHostExec {
  readonly command: string;
  readonly target: "host";
  readonly phase: "on-enter";
}

export interface ClabNode {
  readonly kind: "linux";
  readonly image: string;
  readonly "network-mode": "none";
  readonly sysctls?: Readonly<Record<string, string>>;
  readonly exec?: readonly string[];
  readonly stages?: { readonly configure: { readonly exec: readonly ClabHostExec[] } };
}

export interface ClabTopology {
  readonly name: string;
  readonly topology: {
    readonly nodes: Readonly<Record<string, ClabNode>>;
    readonly links?: readonly ClabLink[];
  };
}

export interface ClabExport {
  readonly topology: ClabTopology;
  /** What does not carry over, or not as it is in netl: one line each, for standard error. */
  readonly warnings: readonly string[];
}

/** A lab name as containerlab takes one: letters, digits, `-`, `_`, `.`, starting with a letter or digit. */
export function clabName(lab: string): string {
  const name = lab.replace(/[^A-Za-z0-9._-]/g, "-");
  return /^[A-Za-z0-9]/.test(name) ? name : `lab${name}`;
}

/** The lines that say what does not carry over as it is. */
function warningsFor(world: World, image: string): string[] {
  const out: string[] = [];
  for (const node of world.nodes.values()) {
    for (const iface of node.ifaces.values()) {
      if (iface.origin === undefined) continue;
      const what = iface.addresses.length > 0 ? ` (${iface.addresses.join(" ")})` : "";
      out.push(
        `move ${iface.name} -> ${node.name} does not carry over: containerlab cannot move an interface of the machine into a node; ${node.name}:${iface.name}${what} and routes through it are left out`,
      );
    }
  }
  for (const link of world.links.values()) {
    const h = hostLink(link);
    if (h === undefined) continue;
    out.push(
      `link ${h.end.node} <-> host: containerlab makes the host end ${h.hostIfname} on the machine it deploys on and sets it up with host commands; netl's check that its addresses are new to that machine does not carry over, and clabernetes has no host to link to`,
    );
  }
  for (const node of world.nodes.values()) {
    const rules = node.firewall ?? [];
    if (rules.length > 0 && image === DEFAULT_IMAGE)
      out.push(
        `${rules.map((r) => ruleText(node.name, r)).join("; ")}: one nft command in ${node.name}'s exec list, but ${DEFAULT_IMAGE} has no nft: use --image with an image that has nftables`,
      );
    for (const p of node.processes ?? [])
      out.push(
        `spawn ${node.name} ${p.command.split("\n")[0]}: started in the background by ${node.name}'s exec list (its output in ${spawnLog(p.id)}), if the image has what it runs`,
      );
  }
  return out;
}

/** The topology for a World, and what did not carry over. */
export function clabExport(world: World, options: { readonly lab: string; readonly image: string }): ClabExport {
  const setups = nodeSetups(world);
  const nodes: Record<string, ClabNode> = {};
  for (const [name, s] of setups) {
    nodes[name] = {
      kind: "linux",
      image: options.image,
      "network-mode": "none",
      ...(Object.keys(s.sysctls).length > 0 ? { sysctls: s.sysctls } : {}),
      ...(s.exec.length > 0 ? { exec: s.exec } : {}),
      ...(s.hostExec.length > 0
        ? {
            stages: {
              configure: { exec: s.hostExec.map((command) => ({ command, target: "host", phase: "on-enter" })) },
            },
          }
        : {}),
    };
  }
  const links: ClabLink[] = [];
  for (const link of world.links.values()) {
    const mtu = linkMtu(world, link);
    const h = hostLink(link);
    if (h !== undefined)
      links.push({
        type: "host",
        endpoint: { node: h.end.node, interface: h.end.ifname },
        "host-interface": h.hostIfname,
        mtu,
      });
    else
      links.push({
        type: "veth",
        endpoints: [
          { node: link.a.node, interface: link.a.ifname },
          { node: link.b.node, interface: link.b.ifname },
        ],
        mtu,
      });
  }
  return {
    topology: { name: clabName(options.lab), topology: { nodes, ...(links.length > 0 ? { links } : {}) } },
    warnings: warningsFor(world, options.image),
  };
}

/** The topology file: a header saying where it came from and how to use it, then the YAML. */
export function clabYaml(topology: ClabTopology, source: { readonly file: string; readonly as: string }): string {
  const header = [
    `${topology.name}: the lab ${source.file} builds, as a containerlab topology (netl export --format containerlab).`,
    `  containerlab deploy -t ${source.as}    build it (as root, with docker)`,
    `  containerlab destroy -t ${source.as}   remove it`,
    "Each node is a linux container without docker's network (network-mode: none): its interfaces are netl's",
    "own, and its exec list runs the ip, tc and nft commands netl runs. Kubernetes: see netl's docs/SCALE-OUT.md.",
  ].map((l) => `# ${l}`.replace(/\r?\n/g, " "));
  return `${header.join("\n")}\n${stringify(topology, { lineWidth: 0 })}`;
}
