// A capture's packets as lines, one each as it passes (`A:eth0  +0.021 ms  ARP reply: …`), and its end.

import type { Packet } from "../runtime/capture-lines.js";
import type { CaptureEvent } from "../runtime/captures.js";
import { CAPTURE } from "../words/capture.js";
import { type Lang, type Message, say } from "../words/catalogue.js";

function packetWords(p: Packet): Message {
  switch (p.kind) {
    case "arp-request":
      return CAPTURE.arpRequest(p);
    case "arp-reply":
      return CAPTURE.arpReply(p);
    case "icmp-echo-request":
      return CAPTURE.echoRequest(p);
    case "icmp-echo-reply":
      return CAPTURE.echoReply(p);
    case "nd-solicit":
      return CAPTURE.ndSolicit(p);
    case "nd-advert":
      return CAPTURE.ndAdvert(p);
    case "icmp":
      return CAPTURE.icmp(p);
    case "tcp": {
      const ends = { src: p.src, dst: p.dst };
      if (p.flags === "data") return CAPTURE.tcpData({ ...ends, length: p.length });
      const by = {
        syn: CAPTURE.tcpSyn,
        "syn-ack": CAPTURE.tcpSynAck,
        ack: CAPTURE.tcpAck,
        fin: CAPTURE.tcpFin,
        rst: CAPTURE.tcpRst,
      };
      return by[p.flags](ends);
    }
    case "udp":
      return CAPTURE.udp(p);
    case "other":
      return CAPTURE.other(p);
  }
}

/** One line for what a capture saw or how it ended. */
export function captureLine(e: CaptureEvent, lang: Lang | undefined): string {
  const where = `${e.node}:${e.ifname}`;
  if (e.kind === "end") {
    const what = e.ifname === "any" ? e.node : where;
    return say(
      lang,
      e.file === undefined
        ? CAPTURE.ended({ what, id: e.id, packets: e.packets })
        : CAPTURE.endedToFile({ what, id: e.id, packets: e.packets, file: e.file }),
    );
  }
  const time = say(lang, CAPTURE.elapsed({ ms: (e.elapsed * 1000).toFixed(3) }));
  return `${where}  ${time.padStart(12)}  ${say(lang, packetWords(e.packet))}`;
}
