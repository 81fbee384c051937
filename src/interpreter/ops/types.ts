// Kernel operations as plain data: the shapes. Each kind's inverse, lowering, rtnetlink request,
// words, interface and kernel effect are in ops/kinds/ (table.ts checks that every kind has them).
import type { Conditions } from "../conditions.js";
import type { Rule } from "../firewall.js";

export type Op =
  | { readonly kind: "netns.add"; readonly node: string }
  | { readonly kind: "netns.del"; readonly node: string }
  | { readonly kind: "veth.add"; readonly a: End; readonly b: End }
  | { readonly kind: "veth.del"; readonly a: End; readonly b: End }
  | { readonly kind: "link.set"; readonly node: string; readonly ifname: string; readonly up: boolean }
  /** A Linux bridge device in a switch's namespace. */
  | { readonly kind: "bridge.add"; readonly node: string; readonly ifname: string }
  | { readonly kind: "bridge.del"; readonly node: string; readonly ifname: string }
  /** An interface joins (leaves) a bridge in the same namespace as a port. */
  | { readonly kind: "link.master"; readonly node: string; readonly ifname: string; readonly master: string }
  | { readonly kind: "link.nomaster"; readonly node: string; readonly ifname: string; readonly master: string }
  | { readonly kind: "addr.add"; readonly node: string; readonly ifname: string; readonly cidr: string }
  | { readonly kind: "addr.del"; readonly node: string; readonly ifname: string; readonly cidr: string }
  /** An existing interface changes namespace (`host` is the machine's); the kernel takes its addresses and sets it down. */
  | { readonly kind: "iface.move"; readonly ifname: string; readonly from: string; readonly to: string }
  | {
      readonly kind: "link.mtu";
      readonly node: string;
      readonly ifname: string;
      readonly mtu: number;
      /** The MTU before; captured so the inverse can put it back. */
      readonly previous: number;
    }
  | {
      /** The interface's root qdisc: its conditions (none: the kernel's default), replacing `previous`. */
      readonly kind: "qdisc.set";
      readonly node: string;
      readonly ifname: string;
      readonly conditions?: Conditions;
      readonly previous?: Conditions;
    }
  /** A node's firewall rules, replacing `previous` (its nftables table rebuilt in one transaction). */
  | {
      readonly kind: "fw.set";
      readonly node: string;
      readonly rules: readonly Rule[];
      readonly previous: readonly Rule[];
    }
  /** A process `spawn` (or `capture`: its tcpdump) starts in a node (its own process group), or ends. */
  | ({ readonly kind: "proc.start" } & Proc)
  | ({ readonly kind: "proc.stop" } & Proc)
  | { readonly kind: "route.add"; readonly node: string; readonly route: RouteSpec }
  | { readonly kind: "route.del"; readonly node: string; readonly route: RouteSpec }
  | {
      readonly kind: "sysctl.set";
      readonly node: string;
      readonly key: string;
      readonly value: string;
      /** The value before; captured so the inverse can put it back. */
      readonly previous: string;
    };

interface Proc {
  readonly node: string;
  readonly id: number;
  readonly command: string;
  readonly capture?: CaptureSpec;
}

/** What `capture` watches (interpreter/capture.ts): one interface (none: all of the node's), how many packets, which, where to. */
export interface CaptureSpec {
  readonly ifname?: string;
  readonly count?: number;
  readonly filter?: string;
  /** A pcap file, as written (relative to where netl runs). */
  readonly file?: string;
}

export interface End {
  readonly node: string;
  readonly ifname: string;
}

export interface RouteSpec {
  readonly destination: string; // `default` or a prefix
  readonly family: 4 | 6;
  readonly via: string;
  readonly dev?: string;
  /** Only for a machine route put back as it was (`metric 1024`). */
  readonly metric?: number;
}

export type OpKind = Op["kind"];
