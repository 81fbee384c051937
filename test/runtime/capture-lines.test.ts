// tcpdump's lines (as `-n -l -tt` prints them, and with `-i any`) read into packets, each worded in
// English and Chinese as a capture shows it.
import { describe, expect, it } from "vitest";
import { captureLine } from "../../src/present/capture.js";
import { parsePacketLine } from "../../src/runtime/capture-lines.js";
import type { CaptureEvent } from "../../src/runtime/captures.js";

const T = "1796612343.026495";
const packet = (line: string) => parsePacketLine(line)?.packet;

describe("a tcpdump line", () => {
  it("reads ARP who-has and reply", () => {
    expect(packet(`${T} ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28`)).toEqual({
      kind: "arp-request",
      who: "10.9.0.2",
      tell: "10.9.0.1",
    });
    expect(packet(`${T} ARP, Reply 10.9.0.2 is-at 4a:95:91:4e:f9:52, length 28`)).toEqual({
      kind: "arp-reply",
      ip: "10.9.0.2",
      mac: "4a:95:91:4e:f9:52",
    });
  });

  it("reads ICMP and ICMPv6 echo, IPv6 neighbour discovery and other ICMP", () => {
    expect(packet(`${T} IP 10.9.0.1 > 10.9.0.2: ICMP echo request, id 22325, seq 1, length 64`)).toEqual({
      kind: "icmp-echo-request",
      src: "10.9.0.1",
      dst: "10.9.0.2",
      seq: "1",
    });
    expect(packet(`${T} IP6 fd00::2 > fd00::1: ICMP6, echo reply, id 7, seq 3, length 64`)).toEqual({
      kind: "icmp-echo-reply",
      src: "fd00::2",
      dst: "fd00::1",
      seq: "3",
    });
    expect(
      packet(
        `${T} IP6 :: > ff02::1:ff9f:a071: ICMP6, neighbor solicitation, who has fe80::cc93:dcff:fe9f:a071, length 32`,
      ),
    ).toEqual({
      kind: "nd-solicit",
      target: "fe80::cc93:dcff:fe9f:a071",
    });
    expect(
      packet(`${T} IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28`),
    ).toEqual({
      kind: "icmp",
      src: "::",
      dst: "ff02::16",
      what: "multicast listener report v2, 1 group record(s)",
    });
    expect(packet(`${T} IP 10.0.0.1 > 10.0.0.9: ICMP host 10.0.0.9 unreachable, length 92`)).toMatchObject({
      kind: "icmp",
    });
  });

  it("reads TCP by its flags, and UDP", () => {
    const tcp = (flags: string, length = 0) =>
      packet(`${T} IP 10.0.0.1.45678 > 10.0.0.2.8080: Flags [${flags}], seq 1, win 64240, length ${length}`);
    expect(tcp("S")).toEqual({ kind: "tcp", src: "10.0.0.1:45678", dst: "10.0.0.2:8080", flags: "syn", length: 0 });
    expect(tcp("S.")).toMatchObject({ flags: "syn-ack" });
    expect(tcp(".")).toMatchObject({ flags: "ack" });
    expect(tcp("P.", 120)).toMatchObject({ flags: "data", length: 120 });
    expect(tcp("F.")).toMatchObject({ flags: "fin" });
    expect(tcp("R.")).toMatchObject({ flags: "rst" });
    expect(packet(`${T} IP 10.0.0.1.5353 > 10.0.0.2.53: UDP, length 10`)).toEqual({
      kind: "udp",
      src: "10.0.0.1:5353",
      dst: "10.0.0.2:53",
    });
    expect(packet(`${T} IP6 fe80::1.546 > ff02::1:2.547: dhcp6 solicit`)).toEqual({
      kind: "udp",
      src: "[fe80::1]:546",
      dst: "[ff02::1:2]:547",
    });
  });

  it("keeps what it does not know as tcpdump said it, and reads the interface of `-i any`", () => {
    expect(packet(`${T} STP 802.1d, Config, Flags [none], length 35`)).toEqual({
      kind: "other",
      text: "STP 802.1d, Config, Flags [none], length 35",
    });
    expect(parsePacketLine(`${T} eth1  Out ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28`)).toMatchObject({
      at: 1796612343.026495,
      ifname: "eth1",
      packet: { kind: "arp-request" },
    });
    expect(
      parsePacketLine("listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes"),
    ).toBeUndefined();
    expect(parsePacketLine("")).toBeUndefined();
  });
});

describe("a capture's line", () => {
  const event = (p: string): CaptureEvent => ({
    kind: "packet",
    id: 1,
    node: "A",
    ifname: "eth0",
    elapsed: 0.000021,
    packet: parsePacketLine(`${T} ${p}`)?.packet ?? { kind: "other", text: "" },
  });

  it("says what passed, when, and where, in English and in Chinese", () => {
    const arp = event("ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28");
    expect(captureLine(arp, "en")).toBe("A:eth0     +0.021 ms  ARP request: who has 10.9.0.2? tell 10.9.0.1");
    expect(captureLine(arp, "zh")).toBe("A:eth0     +0.021 毫秒  ARP 请求：谁是 10.9.0.2？请告诉 10.9.0.1");
    const syn = event("IP 10.0.0.1.45678 > 10.0.0.2.8080: Flags [S], seq 1, win 64240, length 0");
    expect(captureLine(syn, "en")).toContain("TCP SYN 10.0.0.1:45678 > 10.0.0.2:8080 (opens a connection)");
    expect(captureLine(syn, "zh")).toContain("TCP SYN 10.0.0.1:45678 > 10.0.0.2:8080（发起连接）");
    const end: CaptureEvent = { kind: "end", id: 2, node: "A", ifname: "eth0", packets: 4, file: "a.pcap" };
    expect(captureLine(end, "en")).toBe("capture A:eth0 #2 ended: 4 packets in a.pcap (tcpdump -r a.pcap reads them)");
    expect(captureLine({ kind: "end", id: 3, node: "A", ifname: "any", packets: 1 }, "zh")).toBe(
      "抓包 A #3 结束：共 1 个数据包",
    );
  });

  it("names in Chinese the ICMP messages a fresh lab shows, and leaves another as tcpdump says it", () => {
    const zh = (p: string) => captureLine(event(p), "zh");
    expect(zh("IP6 fe80::1 > ff02::2: ICMP6, router solicitation, length 16")).toContain("：路由器请求");
    expect(
      zh("IP6 fe80::1 > ff02::16: HBH ICMP6, multicast listener report v2, 2 group record(s), length 48"),
    ).toContain("：组播侦听报告（MLDv2，2 条组记录）");
    expect(zh("IP 10.0.0.1 > 10.0.0.9: ICMP host 10.0.0.9 unreachable, length 92")).toContain("：10.0.0.9 不可达");
    expect(zh("IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 53 unreachable, length 64")).toContain(
      "：10.0.0.2 的 udp 端口 53 不可达",
    );
    expect(zh("IP 10.0.0.1 > 10.0.0.9: ICMP time exceeded in-transit, length 36")).toContain("传输途中超时");
    expect(zh("IP 10.0.0.1 > 10.0.0.9: ICMP parameter problem, length 36")).toContain("：parameter problem");
    expect(captureLine(event("IP6 fe80::1 > ff02::2: ICMP6, router solicitation, length 16"), "en")).toContain(
      ": router solicitation",
    );
  });
});
