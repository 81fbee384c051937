// Reading a link condition's value: `50ms`, `1%`, `10mbit`, `1400`. The lexer takes any number with
// any unit (a Quantity token) so that these messages can say which units each condition takes.
import type { ConditionName } from "./ast.js";

export type ValueRead =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly message: string; readonly hint: string };

interface Kind {
  /** Unit → how many of the stored unit one of it is. An empty unit means a bare number. */
  readonly units: Readonly<Record<string, number>>;
  readonly min: number;
  readonly max: number;
  /** Whether 0 is allowed even though it is below `min` (it takes the condition away). */
  readonly zero: boolean;
  /** The allowed form, for hints: "durations are written with us, ms or s, such as 20ms". */
  readonly form: string;
  readonly example: string;
  /** Words for the range message: "from 0% to 100%". */
  readonly range: string;
}

const DURATION: Kind = {
  units: { us: 1, ms: 1000, s: 1_000_000 },
  min: 0,
  max: 60_000_000,
  zero: true,
  form: "durations are written with us, ms or s, such as 20ms",
  example: "20ms",
  range: "from 0ms to 60s",
};
const PERCENT: Kind = {
  units: { "%": 1 },
  min: 0,
  max: 100,
  zero: true,
  form: "percentages are written with %, such as 1% or 0.5%",
  example: "1%",
  range: "from 0% to 100%",
};
const RATE: Kind = {
  units: { bit: 1, kbit: 1e3, mbit: 1e6, gbit: 1e9 },
  min: 1000,
  max: 100e9,
  zero: false,
  form: "rates are bits per second, written with bit, kbit, mbit or gbit, such as 10mbit",
  example: "10mbit",
  range: "from 1kbit to 100gbit",
};
const PACKETS: Kind = {
  units: { "": 1 },
  min: 1,
  max: 1_000_000,
  zero: false,
  form: "the queue limit is a number of packets, such as limit 1000",
  example: "1000",
  range: "from 1 to 1000000 packets",
};
const BYTES: Kind = {
  units: { "": 1 },
  min: 68,
  max: 65535,
  zero: false,
  form: "the MTU is a number of bytes, such as mtu 1400",
  example: "1400",
  range: "from 68 to 65535 bytes",
};

const KINDS: Readonly<Record<ConditionName, Kind>> = {
  delay: DURATION,
  jitter: DURATION,
  loss: PERCENT,
  corrupt: PERCENT,
  duplicate: PERCENT,
  reorder: PERCENT,
  rate: RATE,
  limit: PACKETS,
  mtu: BYTES,
};

const bad = (message: string, hint: string): ValueRead => ({ ok: false, message, hint });

/** `image` is one Quantity or Integer token; the value is in the condition's stored unit (µs, %, bit/s, packets, bytes). */
export function readCondition(name: ConditionName, image: string): ValueRead {
  const kind = KINDS[name];
  const m = /^(-?)(\d+(?:\.\d+)?)(.*)$/.exec(image);
  if (!m) return bad(`'${image}' is not a value for ${name}`, kind.form);
  const [, sign, number, unit = ""] = m;
  const scale = kind.units[unit.toLowerCase()];
  if (scale === undefined) {
    if (unit === "") return bad(`'${image}' needs a unit: ${name} ${number}${exampleUnit(kind)}`, kind.form);
    if (kind.units[""] !== undefined) return bad(`${name} takes a plain number, not '${image}'`, kind.form);
    return bad(`unknown unit '${unit}' in '${image}'`, kind.form);
  }
  if (sign === "-") return bad(`${name} cannot be negative: ${image}`, kind.form);
  const value = Number(number) * scale;
  // Values are whole numbers of the stored unit (µs, bit/s, packets, bytes), except percentages.
  const whole = kind !== PERCENT;
  if (whole && Math.abs(value - Math.round(value)) > 1e-6)
    return bad(`${name} ${image} is not a whole number of ${storedUnit(kind)}`, kind.form);
  // netl writes values back (save, tc) with at most 6 decimals: more would be silently lost.
  if (!whole && Number(value.toFixed(6)) !== value)
    return bad(`${name} ${image} has more decimals than netl keeps (6 at most)`, kind.form);
  const stored = whole ? Math.round(value) : value;
  if (stored === 0 && kind.zero) return { ok: true, value: 0 };
  if (stored < kind.min || stored > kind.max)
    return bad(`${name} is ${kind.range}, not ${image}`, zeroHint(name, kind));
  return { ok: true, value: stored };
}

function exampleUnit(kind: Kind): string {
  return kind.example.replace(/^[\d.]+/, "");
}

function storedUnit(kind: Kind): string {
  if (kind === DURATION) return "microseconds";
  if (kind === RATE) return "bits per second";
  return kind === PACKETS ? "packets" : "bytes";
}

function zeroHint(name: ConditionName, kind: Kind): string {
  if (name === "rate") return `${kind.form}; 'set A <-> B clear' takes all conditions away`;
  return kind.form;
}

/** How a stored value is written back in netl (and for tc, which reads the same units). */
export function formatCondition(name: ConditionName, value: number): string {
  const kind = KINDS[name];
  if (kind === PERCENT) return `${trim(value)}%`;
  if (kind === PACKETS || kind === BYTES) return String(value);
  // The largest unit that keeps the number short: 1500us → 1.5ms, 2000000bit → 2mbit.
  const units = Object.entries(kind.units).sort(([, a], [, b]) => b - a);
  for (const [unit, scale] of units) {
    const n = value / scale;
    if (n >= 1 && Number.isInteger(n * 1000)) return `${trim(n)}${unit}`;
  }
  const [smallest = ""] = units[units.length - 1] ?? [];
  return `${value}${smallest}`;
}

const trim = (n: number): string => String(Number(n.toFixed(6)));
