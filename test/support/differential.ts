// One random lab, the model against the real kernel: netl checks it (a refusal must have a position),
// builds it live, and for every ordered pair of nodes (host too, when linked) compares what the model
// predicts (interpreter/why/model.ts: reaches, or the first thing that stops the ping) with the kernel's
// real ping and, where it fails, with why's walk over the kernel (`ip route get` hop by hop).
import type { Statement } from "../../grammar/ast.js";
import { parse } from "../../grammar/index.js";
import type { NetlError } from "../../src/diagnostic.js";
import { Driver } from "../../src/driver/driver.js";
import { runScript } from "../../src/driver/script.js";
import { hostStem } from "../../src/interpreter/host-names.js";
import { evaluate, isEvaluable } from "../../src/interpreter/index.js";
import type { WhyQuery } from "../../src/interpreter/plan.js";
import { checkProgram } from "../../src/interpreter/program.js";
import type { Cause } from "../../src/interpreter/why/cause.js";
import { predict } from "../../src/interpreter/why/model.js";
import { trace } from "../../src/interpreter/why/walk.js";
import { emptyWorld, HOST, type World } from "../../src/interpreter/world.js";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { ping } from "../../src/runtime/ping.js";
import { kernelProbe } from "../../src/runtime/queries-why.js";
import { namespaceName } from "../../src/runtime/session-types.js";
import type { RandomLab } from "./random-lab.js";

export interface Mismatch {
  readonly seed: number;
  readonly pair: string;
  readonly model: Cause;
  readonly kernel: Cause;
}

export interface LabOutcome {
  readonly seed: number;
  /** Refused by netl: with the error (its span must be there). */
  readonly refused?: NetlError;
  /** The kernel refused a lab netl had accepted: a mismatch of its own. */
  readonly kernelRefused?: NetlError;
  readonly pairs: number;
  readonly reached: number;
  /** Each pair's cause kind (`reaches` included), as the kernel gave it. */
  readonly causes: Readonly<Record<string, number>>;
  readonly mismatches: readonly Mismatch[];
}

/** Pings at once, as pingall runs them. */
const AT_ONCE = 16;

const silent = { out: () => {}, err: () => {}, c: {} as never };

function whyQuery(world: World, from: string, to: string): WhyQuery {
  const { program } = parse(`why ${from} ${to}`);
  const stmt = program.statements[0] as Statement;
  if (!isEvaluable(stmt)) throw new Error("why is not evaluable");
  const plan = evaluate(world, stmt);
  if (!plan.ok || plan.value.kind !== "query" || plan.value.query.kind !== "why")
    throw new Error(`why ${from} ${to}: ${plan.ok ? "not a why" : plan.error.message}`);
  return plan.value.query;
}

/** The ordered pairs: every node but switches, and the machine when the lab has a host end. */
function pairsOf(world: World): [string, string][] {
  const names = [...world.nodes.values()].filter((n) => n.kind !== "switch").map((n) => n.name);
  if (world.host.ifaces.size > 0) names.push(HOST);
  return names.flatMap((a) => names.filter((b) => b !== a).map((b): [string, string] => [a, b]));
}

/** What the kernel does with the ping: its real ping, and where it fails, why's walk in the kernel. */
async function kernelCause(executor: ProcessExecutor, prefix: string, q: WhyQuery): Promise<Cause> {
  const nsName = namespaceName(prefix);
  const { from, address } = q.ping;
  const where = from === HOST ? undefined : nsName(from);
  if (address !== undefined && (await ping(executor, where, q.ping)).ok) return { kind: "reaches", from, address };
  const t = await trace(q.world, q.ping, kernelProbe(executor, nsName, q.ping));
  return "kind" in t ? t : { kind: "unexplained", path: t.arrives };
}

export async function runLab(lab: RandomLab, prefix: string): Promise<LabOutcome> {
  const empty = { seed: lab.seed, pairs: 0, reached: 0, causes: {}, mismatches: [] };
  const { program, errors } = parse(lab.text);
  if (errors.length > 0) return { ...empty, refused: errors[0] as NetlError };
  const name = prefix;
  const checked = checkProgram(emptyWorld, program.statements, {
    source: lab.text,
    machine: { stem: hostStem(name, prefix) },
  });
  if (checked.error) return { ...empty, refused: checked.error };
  const executor = new ProcessExecutor();
  const opened = Driver.open({ lab: name, prefix, executor, runDir: "/run/netl" });
  if (!opened.ok) throw new Error(opened.error.message);
  const driver = opened.value;
  try {
    let refusal: NetlError | undefined;
    const printer = { outcome: () => {}, refused: (e: NetlError) => (refusal = e) };
    const source = { name: `seed-${lab.seed}.netl`, text: lab.text };
    await runScript(driver, program, source, silent, new AbortController().signal, printer, checked.planned);
    // Read live, the machine may refuse a host end (an overlap): still a positioned check error.
    if (refusal !== undefined)
      return refusal.phase === "check" ? { ...empty, refused: refusal } : { ...empty, kernelRefused: refusal };
    const world = driver.world;
    const pairs = pairsOf(world);
    const mismatches: Mismatch[] = [];
    const causes: Record<string, number> = {};
    let reached = 0;
    let next = 0;
    const worker = async () => {
      while (next < pairs.length) {
        const [from, to] = pairs[next++] as [string, string];
        const q = whyQuery(world, from, to);
        const [model, kernel] = [await predict(world, q.ping), await kernelCause(executor, prefix, q)];
        causes[kernel.kind] = (causes[kernel.kind] ?? 0) + 1;
        if (kernel.kind === "reaches") reached++;
        if (JSON.stringify(model) !== JSON.stringify(kernel))
          mismatches.push({ seed: lab.seed, pair: `${from} -> ${to}`, model, kernel });
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, pairs.length) }, worker));
    return { seed: lab.seed, pairs: pairs.length, reached, causes, mismatches };
  } finally {
    await driver.close(false);
  }
}
