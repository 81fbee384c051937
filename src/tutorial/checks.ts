// A lesson's checks against the learner's lab: what the World holds and what the learner did, and
// live pings (asked through `ping`, which the runtime answers). Each unmet check says what is missing.
import { linksBetween } from "../interpreter/links.js";
import { HOST, nodeOf, type World } from "../interpreter/world.js";
import type { Lang } from "./lessons.js";

/** What the learner has done in this lesson, besides the lab itself. */
export interface Done {
  readonly execs: readonly { readonly node: string; readonly command: string }[];
  readonly undos: number;
  /** Statement kinds the learner ran (`show`, `del`, …) and the nodes they deleted. */
  readonly kinds: ReadonlySet<string>;
  readonly deleted: ReadonlySet<string>;
}

export type Ping = (from: string, to: string) => Promise<boolean>;

const say = (lang: Lang, en: string, zh: string) => (lang === "zh" ? zh : en);

/** The check's words when it is not met yet; undefined when it is. */
export async function unmet(
  check: readonly string[],
  world: World,
  done: Done,
  ping: Ping,
  lang: Lang,
): Promise<string | undefined> {
  const [kind, a = "", b = "", c = ""] = check;
  const node = nodeOf(world, a);
  const linked = () => node !== undefined && linksBetween(world, node, b).length > 0;
  switch (kind) {
    case "node":
    case "router":
    case "switch": {
      const ok = node !== undefined && a !== HOST && (kind === "node" || node.kind === kind);
      const what =
        kind === "node"
          ? say(lang, "a namespace", "命名空间")
          : kind === "router"
            ? say(lang, "a router", "路由器")
            : say(lang, "a switch", "交换机");
      return ok ? undefined : say(lang, `${what} named ${a}`, `名为 ${a} 的${what}`);
    }
    case "link":
      return linked() ? undefined : say(lang, `a link between ${a} and ${b}`, `${a} 和 ${b} 之间的链路`);
    case "no-link":
      return linked() ? say(lang, `no link between ${a} and ${b} any more`, `${a} 和 ${b} 之间不再有链路`) : undefined;
    case "exec":
      return done.execs.some((e) => e.node === a && e.command.includes(b))
        ? undefined
        : say(lang, `a command run inside ${a} with exec (${b} …)`, `用 exec 在 ${a} 里运行的命令（${b} …）`);
    case "moved":
      return node?.ifaces.get(b)?.origin !== undefined
        ? undefined
        : say(lang, `${b} moved into ${a}`, `把 ${b} 移进 ${a}`);
    case "condition": {
      const ok =
        node !== undefined &&
        linksBetween(world, node, b).some((l) =>
          [l.a, l.b].some((end) => {
            const i = nodeOf(world, end.node)?.ifaces.get(end.ifname);
            return c === "mtu" ? i?.mtu !== undefined : i?.conditions?.[c as "rate"] !== undefined;
          }),
        );
      return ok ? undefined : say(lang, `a ${c} on the link between ${a} and ${b}`, `${a} 和 ${b} 之间链路上的 ${c}`);
    }
    case "ran":
      return done.kinds.has(a) ? undefined : say(lang, `the lab listed with ${a}`, `用 ${a} 列出实验环境`);
    case "deleted":
      return done.deleted.has(a) && node === undefined
        ? undefined
        : say(lang, `${a} deleted with del`, `用 del 删除 ${a}`);
    case "undone":
      return done.undos > 0 ? undefined : say(lang, "a change taken back with undo", "用 undo 撤回的一次修改");
    case "ping":
      return (await ping(a, b)) ? undefined : say(lang, `${a} reaching ${b} with ping`, `${a} 能 ping 通 ${b}`);
    default:
      return `unknown check: ${check.join(" ")}`;
  }
}
