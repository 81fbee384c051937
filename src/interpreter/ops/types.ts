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
  | ({ readonly kind: "addr.add" } & AddrOp)
  | ({ readonly kind: "addr.del" } & AddrOp)
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
  /**
   * A moved interface's own root qdisc on the machine, put back as `tc` took it (`words` after `root`),
   * or taken off again (the kernel's default then).
   */
  | ({ readonly kind: "qdisc.restore" } & RootQdisc)
  | ({ readonly kind: "qdisc.remove" } & RootQdisc)
  /** One of an interface's own settings (`ipv4/rp_filter`: /proc/sys/net/ipv4/conf/IF/rp_filter), replacing `previous`. */
  | {
      readonly kind: "conf.set";
      readonly node: string;
      readonly ifname: string;
      readonly key: string;
      readonly value: string;
      readonly previous: string;
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

/** What an IPv4 or IPv6 address carries besides its `local/prefixlen`, as `ip addr add` takes it. */
export interface AddrDetail {
  readonly broadcast?: string;
  /** When not the interface's own name. */
  readonly label?: string;
  /** The other end of a point-to-point address, `PEER/LEN`. */
  readonly peer?: string;
}

interface AddrOp {
  readonly node: string;
  readonly ifname: string;
  readonly cidr: string;
  /** A machine's address put back as it was (broadcast, label, peer); the lab's own have none. */
  readonly detail?: AddrDetail;
}

interface RootQdisc {
  readonly node: string;
  readonly ifname: string;
  readonly words: readonly string[];
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
