// tcpdump's lines (`-n -l -tt`, with `-i any` an interface and a direction after the time) read into
// what a packet is: ARP who-has and reply, ICMP echo request and reply, IPv6 neighbour discovery, TCP
// by its flags, UDP, and anything else as tcpdump said it. Data, not words: present/capture.ts words it.

export type Packet =
  | { readonly kind: "arp-request"; readonly who: string; readonly tell: string }
  | { readonly kind: "arp-reply"; readonly ip: string; readonly mac: string }
  | {
      readonly kind: "icmp-echo-request" | "icmp-echo-reply";
      readonly src: string;
      readonly dst: string;
      readonly seq: string;
    }
  | { readonly kind: "nd-solicit"; readonly target: string }
  | { readonly kind: "nd-advert"; readonly target: string }
  | { readonly kind: "icmp"; readonly src: string; readonly dst: string; readonly what: string }
  | {
      readonly kind: "tcp";
      readonly src: string;
      readonly dst: string;
      readonly flags: "syn" | "syn-ack" | "ack" | "fin" | "rst" | "data";
      readonly length: number;
    }
  | { readonly kind: "udp"; readonly src: string; readonly dst: string }
  | { readonly kind: "other"; readonly text: string };

export interface PacketLine {
  /** Seconds since the epoch, as tcpdump stamped it. */
  readonly at: number;
  /** With `-i any`, the interface it passed; else undefined (the one captured). */
  readonly ifname?: string;
  readonly packet: Packet;
}

/** Whether tcpdump wrote a port after the address: `10.0.0.1.53422`, `fe80::1.546`. */
const hasPort = (text: string): boolean => (text.includes(":") ? /\.\d+$/.test(text) : text.split(".").length === 5);

/** `10.0.0.1.53422` → `10.0.0.1:53422`; `fe80::1.546` → `[fe80::1]:546`. */
function endpoint(text: string): string {
  const m = /^(.*)\.(\d+)$/.exec(text);
  if (!m || !hasPort(text)) return text;
  const [, host = "", port = ""] = m;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function tcpFlags(flags: string, length: number): "syn" | "syn-ack" | "ack" | "fin" | "rst" | "data" {
  if (flags.includes("R")) return "rst";
  if (flags.includes("S")) return flags.includes(".") ? "syn-ack" : "syn";
  if (flags.includes("F")) return "fin";
  return length > 0 ? "data" : "ack";
}

/** What follows `IP A > B: ` or `IP6 A > B: `. */
function ipPacket(src: string, dst: string, rest: string): Packet {
  const echo = /^ICMP6?, echo (request|reply), id \d+, seq (\d+)|^ICMP echo (request|reply), id \d+, seq (\d+)/.exec(
    rest,
  );
  if (echo) {
    const way = echo[1] ?? echo[3];
    return {
      kind: way === "request" ? "icmp-echo-request" : "icmp-echo-reply",
      src,
      dst,
      seq: echo[2] ?? echo[4] ?? "",
    };
  }
  const solicit = /^ICMP6, neighbor solicitation, who has ([^,\s]+)/.exec(rest);
  if (solicit) return { kind: "nd-solicit", target: solicit[1] ?? "" };
  const advert = /^ICMP6, neighbor advertisement, tgt is ([^,\s]+)/.exec(rest);
  if (advert) return { kind: "nd-advert", target: advert[1] ?? "" };
  const icmp = /^(?:HBH )?ICMP6?,? (.*?)(?:, length \d+)?$/.exec(rest);
  if (icmp) return { kind: "icmp", src, dst, what: icmp[1] ?? "" };
  const tcp = /^Flags \[([^\]]*)\].*?length (\d+)/.exec(rest);
  if (tcp) {
    const length = Number(tcp[2]);
    return { kind: "tcp", src: endpoint(src), dst: endpoint(dst), flags: tcpFlags(tcp[1] ?? "", length), length };
  }
  if (/^UDP\b/.test(rest) || hasPort(src)) return { kind: "udp", src: endpoint(src), dst: endpoint(dst) };
  return { kind: "other", text: `${src} > ${dst}: ${rest}` };
}

/** One line of tcpdump's output; undefined for one that is no packet. */
export function parsePacketLine(line: string): PacketLine | undefined {
  const head = /^(\d+\.\d+) (?:(\S+)\s+(?:In|Out|M|P|B|U)\s+)?(.*)$/.exec(line.trimEnd());
  if (!head) return undefined;
  const at = Number(head[1]);
  const ifname = head[2];
  const body = head[3] ?? "";
  const where = ifname === undefined ? {} : { ifname };
  const arpRequest = /^ARP, Request who-has (\S+) (?:\(\S+\) )?tell (\S+?),/.exec(body);
  if (arpRequest)
    return { at, ...where, packet: { kind: "arp-request", who: arpRequest[1] ?? "", tell: arpRequest[2] ?? "" } };
  const arpReply = /^ARP, Reply (\S+) is-at (\S+?),/.exec(body);
  if (arpReply) return { at, ...where, packet: { kind: "arp-reply", ip: arpReply[1] ?? "", mac: arpReply[2] ?? "" } };
  const ip = /^IP6? (\S+) > (\S+?): (.*)$/.exec(body);
  if (ip) return { at, ...where, packet: ipPacket(ip[1] ?? "", ip[2] ?? "", ip[3] ?? "") };
  return { at, ...where, packet: { kind: "other", text: body } };
}
