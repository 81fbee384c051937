// containerlab topologies in tests: containerlab's own JSON schema (test/data/clab.schema.json, draft-07)
// through ajv; the YAML read back; each exec line split into words the way containerlab splits it
// (github.com/google/shlex, after its own `$$` → `$`); and what the lines configure, to compare with a World.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";

const schema = JSON.parse(readFileSync(new URL("../data/clab.schema.json", import.meta.url), "utf8"));
// Not strict: the schema carries editor keywords (markdownDescription) and draft 2020's prefixItems,
// which a draft-07 validator does not know; it ignores them, as containerlab's editors' validators do.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Why a topology does not validate, one line per error; none when it does. */
export function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}

export interface ClabDoc {
  name: string;
  topology: {
    nodes: Record<
      string,
      {
        kind: string;
        image: string;
        "network-mode"?: string;
        sysctls?: Record<string, string>;
        exec?: string[];
        stages?: { configure?: { exec?: { command: string; target?: string; phase?: string }[] } };
      }
    >;
    links?: {
      type: string;
      endpoints?: { node: string; interface: string }[];
      endpoint?: { node: string; interface: string };
      "host-interface"?: string;
      mtu?: number;
    }[];
  };
}

/** The YAML after the header's comments, as data. */
export const readClab = (text: string): ClabDoc => parse(text) as ClabDoc;

/**
 * An exec line as containerlab runs it: `$$` is a `$` (it expands its own environment first), then words
 * split as POSIX shells do without running one: '…' literal, "…" with backslash escapes, \x, # at a word's start.
 */
export function execWords(line: string): string[] {
  const text = line.replaceAll("$$", "$");
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) break;
    else if (c === "\\") word = (word ?? "") + (text[++i] ?? "");
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unclosed ' in ${line}`);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < text.length && text[i] !== '"'; i++) word += text[i] === "\\" ? (text[++i] ?? "") : text[i];
      if (i >= text.length) throw new Error(`unclosed " in ${line}`);
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Each node's commands (and the machine's, as node `host`), as words. */
export function commands(doc: ClabDoc): { node: string; words: string[] }[] {
  const out: { node: string; words: string[] }[] = [];
  for (const [node, n] of Object.entries(doc.topology.nodes)) {
    for (const line of n.exec ?? []) out.push({ node, words: execWords(line) });
    for (const e of n.stages?.configure?.exec ?? [])
      out.push({ node: e.target === "host" ? "host" : node, words: execWords(e.command) });
  }
  return out;
}

/** `node:ifname` → the addresses its `ip addr add` lines give it, in order. */
export function addressesSet(doc: ClabDoc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { node, words } of commands(doc)) {
    const [ip, addr, add, cidr, dev, ifname] = words;
    if (ip !== "ip" || addr !== "addr" || add !== "add" || dev !== "dev" || cidr === undefined) continue;
    const key = `${node}:${ifname}`;
    out.set(key, [...(out.get(key) ?? []), cidr]);
  }
  return out;
}

/** node → its `ip route add` lines as `DEST via GW dev IF`. */
export function routesSet(doc: ClabDoc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { node, words } of commands(doc)) {
    if (words[0] !== "ip" || words[1] !== "route" || words[2] !== "add") continue;
    out.set(node, [...(out.get(node) ?? []), words.slice(3).join(" ")]);
  }
  return out;
}

/** Every link as its two ends, `node:ifname` (a host link's machine end `host:IFNAME`). */
export function linkEnds(doc: ClabDoc): string[][] {
  return (doc.topology.links ?? []).map((l) =>
    l.type === "host"
      ? [`${l.endpoint?.node}:${l.endpoint?.interface}`, `host:${l["host-interface"]}`]
      : (l.endpoints ?? []).map((e) => `${e.node}:${e.interface}`),
  );
}
