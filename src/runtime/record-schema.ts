// The lab record's shape, checked by hand (a small shape; no schema library at run time): a record
// that is not exactly this is reported by name and skipped, never half-read. Fields this netl does
// not know are let through and ignored (a later netl may add some); every field it reads is checked.
import { isLabName } from "./lab-name.js";
import type { LabRecord } from "./record-types.js";

export const RECORD_VERSION = 2;

type Check = (v: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

const str =
  (re?: RegExp): Check =>
  (v, at) =>
    typeof v !== "string" ? `${at} is not a string` : re && !re.test(v) ? `${at} is not a valid name` : undefined;
const int: Check = (v, at) => (count(v) ? undefined : `${at} is not a whole number`);
const bool: Check = (v, at) => (typeof v === "boolean" ? undefined : `${at} is not true or false`);

function list(item: Check): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return `${at} is not a list`;
    for (const [i, x] of v.entries()) {
      const problem = item(x, `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object with these fields (a `?` after a name: it may be absent). */
function shape(fields: Readonly<Record<string, Check>>): Check {
  return (v, at) => {
    if (!isObject(v)) return `${at} is not an object`;
    for (const [key, check] of Object.entries(fields)) {
      const optional = key.endsWith("?");
      const name = optional ? key.slice(0, -1) : key;
      if (!(name in v)) {
        if (optional) continue;
        return `${at}.${name} is missing`;
      }
      const problem = check(v[name], `${at}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const NS_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;
/** What Linux takes as an interface name: 1 to 15 bytes, no '/', ':' or white space. */
const IFNAME = /^[^/:\s]{1,15}$/;
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

const route = shape({
  destination: str(),
  family: (v, at) => (v === 4 || v === 6 ? undefined : `${at} is not 4 or 6`),
  via: str(),
  "dev?": str(IFNAME),
  "metric?": int,
});

/** An object whose every value passes `item`. */
function dict(item: Check): Check {
  return (v, at) => {
    if (!isObject(v)) return `${at} is not an object`;
    for (const [k, x] of Object.entries(v)) {
      const problem = item(x, `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** A setting's key under /proc/sys/net (`ipv4/rp_filter`): words, never a path out of it. */
const CONF_KEY = /^ipv[46]\/[a-z0-9_]+$/;
const WORD = /^[A-Za-z0-9_.:/-]+$/;

const origin = shape({
  up: bool,
  "mtu?": int,
  addresses: list(str()),
  "details?": dict(shape({ "broadcast?": str(WORD), "label?": str(/^[^\s]{1,15}$/), "peer?": str(WORD) })),
  routes: list(route),
  defaultRoute: bool,
  "qdisc?": list(str(WORD)),
  "lostQdisc?": str(),
  "conf?": list(shape({ key: str(CONF_KEY), value: str(/^-?\d+$/), fresh: str(/^-?\d+$/) })),
});

const nsId = shape({ name: str(NS_NAME), dev: int, ino: int, "born?": int });
const ifaceId = shape({ name: str(IFNAME), ifindex: int, mac: str(MAC) });
const moved = shape({ ifname: str(IFNAME), netns: str(NS_NAME), "ifindex?": int, "mac?": str(MAC), origin });

const service = shape({ node: str(NS_NAME), id: int, pid: int, start: int, "leader?": int });

const record = shape({
  version: (v, at) =>
    v === RECORD_VERSION
      ? undefined
      : count(v) && (v as number) < RECORD_VERSION
        ? `${at} is ${v}: written by an older netl, it names no identities (remove what it lists by hand)`
        : `${at} is not ${RECORD_VERSION}`,
  lab: str(),
  "prefix?": str(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  pid: int,
  updated: str(),
  namespaces: list(nsId),
  "hostInterfaces?": list(ifaceId),
  "moved?": list(moved),
  "services?": list(service),
  // Here the record's next fields get their checks.
});

/** The record if `value` is one, for lab `lab` (the name its file has); else what is wrong with it. */
export function checkRecord(value: unknown, lab: string): { record: LabRecord } | { problem: string } {
  const problem = record(value, "record");
  if (problem) return { problem };
  const r = value as LabRecord;
  if (!isLabName(r.lab) || r.lab !== lab) return { problem: "record.lab is not the name of its file" };
  return { record: r };
}
