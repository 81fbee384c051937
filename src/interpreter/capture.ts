// What `capture` runs: tcpdump on one interface of a node (or all of them), each packet a line (`-l`,
// numbers not names, times as seconds since the epoch), or the packets to a pcap file (`-w`, packet by
// packet); `--immediate-mode`, or libpcap holds packets back until its buffer fills or a timeout, and a
// capture ended meanwhile never shows them. The runtime starts it; the words are the interpreter's so
// `ps`, `show` and the exports say the same command.
import type { CaptureSpec } from "./ops/types.js";

/** tcpdump's argv; `out` is where a file goes (`-` for standard output, which the runtime opens safely). */
export function tcpdumpArgv(spec: CaptureSpec, out?: string): string[] {
  return [
    "tcpdump",
    "--immediate-mode",
    "-n",
    "-l",
    "-tt",
    "-i",
    spec.ifname ?? "any",
    ...(spec.count === undefined ? [] : ["-c", String(spec.count)]),
    ...(spec.file === undefined ? [] : ["-U", "-w", out ?? spec.file]),
    ...(spec.filter === undefined ? [] : [spec.filter]),
  ];
}

/** A word as sh reads it back: quoted unless it is plain. */
const shWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** The command as a person reads it (`ps`, `show`, the exported script). */
export const captureCommand = (spec: CaptureSpec): string => tcpdumpArgv(spec).map(shWord).join(" ");

/** `A:eth0 count 4 filter "arp"`: the capture as written, for the change's summary. */
export function captureText(node: string, spec: CaptureSpec): string {
  const parts = [spec.ifname === undefined ? node : `${node}:${spec.ifname}`];
  if (spec.count !== undefined) parts.push(`count ${spec.count}`);
  if (spec.filter !== undefined) parts.push(`filter ${JSON.stringify(spec.filter)}`);
  if (spec.file !== undefined) parts.push(`to ${JSON.stringify(spec.file)}`);
  return parts.join(" ");
}
