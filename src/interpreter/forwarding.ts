// The sysctls netl sets in a lab namespace. Every node turns duplicate address detection off for
// new interfaces (IPv6 works at once: a router's neighbour solicitations need a link-local address
// that is not tentative); a router also turns forwarding on. A fresh namespace's values are what
// creation records as the previous ones (for undo).
import type { NodeKind } from "./world.js";

export const FORWARDING_SYSCTLS = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"] as const;

export type ForwardingSysctl = (typeof FORWARDING_SYSCTLS)[number];

export const FRESH_NAMESPACE_VALUE = "0";

/** The value each forwarding sysctl has in a namespace of this kind. */
export const forwardingValue = (kind: NodeKind): string => (kind === "router" ? "1" : FRESH_NAMESPACE_VALUE);

/** New interfaces of the namespace skip duplicate address detection (link-local addresses included). */
export const DAD_SYSCTL = "net.ipv6.conf.default.accept_dad";

/** Every sysctl the model tracks, as a fresh namespace has it. */
export const FRESH_SYSCTLS: Readonly<Record<string, string>> = {
  [DAD_SYSCTL]: "1",
  ...Object.fromEntries(FORWARDING_SYSCTLS.map((key) => [key, FRESH_NAMESPACE_VALUE])),
};

export interface NodeSysctl {
  readonly key: string;
  readonly value: string;
  readonly fresh: string;
}

/** What a node of this kind sets at creation, in order: no DAD first, then forwarding for a router. */
export function nodeSysctls(kind: NodeKind): NodeSysctl[] {
  const out: NodeSysctl[] = [{ key: DAD_SYSCTL, value: "0", fresh: FRESH_SYSCTLS[DAD_SYSCTL] ?? "1" }];
  for (const key of FORWARDING_SYSCTLS) {
    const value = forwardingValue(kind);
    if (value !== FRESH_NAMESPACE_VALUE) out.push({ key, value, fresh: FRESH_NAMESPACE_VALUE });
  }
  return out;
}

/** Every tracked sysctl's value in a namespace of this kind. */
export function sysctlValues(kind: NodeKind): Record<string, string> {
  const out: Record<string, string> = { ...FRESH_SYSCTLS };
  for (const s of nodeSysctls(kind)) out[s.key] = s.value;
  return out;
}
