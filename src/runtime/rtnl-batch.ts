// Many namespaces' `ip` requests in one process: the in-process rtnetlink that docs/BENCHMARKS.md
// describes, with Perl as the small native piece (native/rtnl.pl; perl-base is Essential on Debian and
// Ubuntu, and already sets the sysctls, sysctl-batch.ts). One `ip -n NS -batch -` per namespace costs a
// process start for a few requests of kernel work: 250 of them were most of a chain-250 build.
// Which ops it carries, and with which fields, each op kind says (`rtnl` in interpreter/ops/kinds/);
// here a request becomes the helper's input line. It reports like `ip -batch`, so runtime/batch.ts
// reads its result, and rollback undoes exactly what it did, as for `ip`.
import type { RtnlRequest } from "../interpreter/ops/step.js";
import RTNL from "./native/rtnl.pl";
import { perlWithSetns } from "./perl-setns.js";

/** The helper's input line for a request in namespace `ns`: tab-separated fields (rtnl.pl's header). */
export function rtnlRecord(ns: string, r: RtnlRequest): string {
  const fields =
    r.kind === "link"
      ? ["link", r.dev, r.up ? "up" : "down"]
      : r.kind === "addr"
        ? ["addr", r.dev, String(r.family), r.address, String(r.prefix), r.scope, r.nodad ? "nodad" : ""]
        : [
            "route",
            String(r.family),
            r.destination?.address ?? "",
            String(r.destination?.prefix ?? 0),
            r.gateway,
            r.dev ?? "",
            r.metric === undefined ? "" : String(r.metric),
          ];
  return [ns, ...fields].join("\t");
}

/** The argv of the one process for many namespaces' requests, or undefined where it cannot run here. */
export function rtnlArgv(force: boolean): string[] | undefined {
  return perlWithSetns(RTNL, force);
}
