// The forwarding sysctls a router turns on. A fresh namespace starts with both at "0",
// which is what a router's creation records as the previous value (for undo).
import type { NodeKind } from "./world.js";

export const FORWARDING_SYSCTLS = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"] as const;

export type ForwardingSysctl = (typeof FORWARDING_SYSCTLS)[number];

export const FRESH_NAMESPACE_VALUE = "0";

/** The value each forwarding sysctl has in a namespace of this kind. */
export const forwardingValue = (kind: NodeKind): string => (kind === "router" ? "1" : FRESH_NAMESPACE_VALUE);
