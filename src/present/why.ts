// `why`'s answer in words: what stops the ping, where, and what to type to fix it.
import type { Cause, Fix } from "../interpreter/why/cause.js";

const back = (c: { readonly back: boolean }): string => (c.back ? "on the way back: " : "");

/** The fix for a missing or wrong route; `also` is what else could be done by hand. */
function fixLine(fix: Fix, also: string): string {
  switch (fix.kind) {
    case "route-auto":
      return `fix: route auto, or ${also}`;
    case "router":
      return `fix: router ${fix.node}, then route auto (it will not route through ${fix.node} while it does not forward)`;
    case "route-host":
      return `fix: a route on the machine into the lab: route host ${fix.subnet} via ${fix.via ?? "NEIGHBOUR"}`;
    case "by-hand":
      return `fix: ${also}`;
  }
}

/** The cause, then `fix: …` when there is one to give. */
export function whyLines(c: Cause): string[] {
  switch (c.kind) {
    case "reaches":
      return [`${c.from} reaches ${c.address}: nothing to explain`];
    case "no-address":
      return [`${c.node} has no address to ping`, `fix: give it one, e.g. addr ${c.node}:eth0 ADDRESS/LEN`];
    case "no-route":
      return [
        `${back(c)}${c.node} has no route to ${c.address}${c.node === "host" ? " through the lab" : ""}`,
        fixLine(c.fix, `a route by hand: route ${c.node} default via NEIGHBOUR`),
      ];
    case "link-down":
      return [
        `${back(c)}${c.end.node}:${c.end.ifname} is down`,
        c.bySet
          ? `fix: bring it up: set ${c.end.node}:${c.end.ifname} up`
          : `fix: bring it up: exec ${c.end.node} ip link set ${c.end.ifname} up`,
      ];
    case "unknown-hop":
      return [
        `${back(c)}${c.node} sends it to ${c.address}, which no node of the lab has`,
        c.fix.kind === "route-auto"
          ? `fix: look at ${c.node}'s routes (show ${c.node}); route auto replaces its own`
          : fixLine(c.fix, `correct ${c.node}'s routes (show ${c.node})`),
      ];
    case "off-link":
      return [
        `${back(c)}${c.node} sends it out of ${c.dev} to ${c.hop}, but ${c.holder.node}:${c.holder.ifname} (which has ${c.hop}) is not on that link`,
        fixLine(c.fix, `route via a neighbour on ${c.node}:${c.dev}`),
      ];
    case "no-forwarding":
      return [`${back(c)}${c.node} does not forward IPv${c.family}: make it a router (router ${c.node})`];
    case "loop":
      return [
        `${back(c)}the packet goes round in a loop: ${c.nodes.join(" -> ")}`,
        fixLine(c.fix, "correct those routes"),
      ];
    case "too-far":
      return [
        `${back(c)}more than 63 routers on the way (${c.nodes[0]} -> … -> ${c.nodes[c.nodes.length - 1]}): a ping's TTL of 64 runs out`,
        "fix: a shorter path (a link that skips some routers)",
      ];
    case "blocked":
      return [`${c.node}'s firewall drops it: ${c.rule}`, `fix: unblock ${c.rule.slice(c.rule.indexOf(" ") + 1)}`];
    case "leaves-lab":
      return [`${back(c)}${c.node} sends it to the machine (${c.hop}); netl does not follow it there`];
    case "unexplained":
      return [
        `every hop has a route, its links are up and its routers forward (${c.path.join(" -> ")}); something else drops the ping`,
        "look for: a firewall, loss on a link, or a change made with exec",
      ];
  }
}
