// A tiny model of what `ip` batch lines do to the kernel, for runtime tests: enough to tell
// whether a failed change plus its rollback left the kernel exactly as it was.
type Facts = Map<string, string>; // key → value; keys are scoped "ns/…"

/** The machine's own namespace: its lines come without `-n`, like global ones; it always exists. */
export const MACHINE = "host";

export class LineKernel {
  readonly facts: Facts = new Map();
  readonly peers = new Map<string, string>(); // "ns/if" ↔ "ns/if"

  /** A veth pair, one end in each namespace, both down. */
  private pair(nsA: string, ifA: string, nsB: string, ifB: string): string | undefined {
    const a = `${nsA}/if ${ifA}`;
    const b = `${nsB}/if ${ifB}`;
    if (!this.facts.has(`${nsA}/ns`) || !this.facts.has(`${nsB}/ns`)) return "Cannot find namespace";
    if (this.facts.has(a) || this.facts.has(b)) return "RTNETLINK answers: File exists";
    this.facts.set(a, "down");
    this.facts.set(b, "down");
    this.peers.set(a, b);
    this.peers.set(b, a);
    return undefined;
  }

  /** Apply one line; returns an error text when the kernel would refuse it. */
  apply(ns: string | undefined, line: string): string | undefined {
    const w = line.split(" ");
    if (ns === undefined) {
      if (w[0] === "netns" && w[1] === "add") return this.add(`${w[2]}/ns`, "1");
      if (w[0] === "netns" && w[1] === "del") return this.dropNs(w[2] as string);
      if (w[0] === "netns" && w[1] === "exec") {
        // `netns exec NS sysctl -qw k=v [k=v …]`: every setting, in order.
        for (const setting of w.slice(5)) {
          const [key, value] = setting.split("=");
          this.facts.set(`${w[2]}/sysctl ${key}`, value as string);
        }
        return undefined;
      }
      if (w[0] === "link" && w[1] === "add" && w[3] === "type") {
        // A host end: `link add NAME type veth peer name IF netns NS`, NAME in the machine's namespace.
        const a = `${MACHINE}/if ${w[2]}`;
        const b = `${w[9]}/if ${w[7]}`;
        if (!this.facts.has(`${w[9]}/ns`)) return "Cannot find namespace";
        if (this.facts.has(a) || this.facts.has(b)) return "RTNETLINK answers: File exists";
        for (const k of [a, b]) this.facts.set(k, "down");
        this.peers.set(a, b);
        this.peers.set(b, a);
        return undefined;
      }
      // `link add IF netns NS type veth peer name IF2 netns NS2`
      if (w[0] === "link" && w[1] === "add")
        return this.pair(w[4] as string, w[2] as string, w[11] as string, w[9] as string);
      if (w[0] === "netns") return `unknown global line ${line}`;
      return this.apply(MACHINE, line);
    }
    if (ns !== MACHINE && !this.facts.has(`${ns}/ns`)) return "Cannot open network namespace";
    if (w[0] === "link" && w[1] === "set" && w[3] === "netns") return this.move(ns, w[2] as string, w[4] as string);
    if (w[0] === "link" && w[1] === "set" && w[3] === "mtu") {
      if (!this.facts.has(`${ns}/if ${w[2]}`)) return "Cannot find device";
      this.facts.set(`${ns}/mtu ${w[2]}`, w[4] as string);
      return undefined;
    }
    // A pair made from inside its first end's namespace: `link add IF type veth peer name IF2 netns NS2`.
    if (w[0] === "link" && w[1] === "add" && w[3] === "type" && w[4] === "veth")
      return this.pair(ns, w[2] as string, w[9] as string, w[7] as string);
    if (w[0] === "link" && w[1] === "add" && w[3] === "type" && w[4] === "bridge")
      return this.add(`${ns}/if ${w[2]}`, "down");
    if (w[0] === "link" && w[1] === "set" && (w[3] === "master" || w[3] === "nomaster")) {
      if (!this.facts.has(`${ns}/if ${w[2]}`)) return "Cannot find device";
      if (w[3] === "nomaster") return this.del(`${ns}/master dev ${w[2]}`);
      if (!this.facts.has(`${ns}/if ${w[4]}`)) return "Cannot find device";
      return this.add(`${ns}/master dev ${w[2]}`, w[4] as string);
    }
    if (w[0] === "link" && w[1] === "set") {
      const key = w[2] === "lo" ? `${ns}/lo` : `${ns}/if ${w[2]}`;
      if (w[2] !== "lo" && !this.facts.has(key)) return "Cannot find device";
      this.facts.set(key, w[3] as string);
      return undefined;
    }
    if (w[0] === "link" && w[1] === "del") return this.dropIf(`${ns}/if ${w[2]}`);
    if (w[0] === "qdisc") {
      // A `tc` batch line: `qdisc replace dev IF root WORDS…` or `qdisc del dev IF root`.
      if (!this.facts.has(`${ns}/if ${w[3]}`)) return "Cannot find device";
      const key = `${ns}/qdisc root dev ${w[3]}`;
      if (w[1] === "del") return this.facts.delete(key) ? undefined : "Error: Cannot delete qdisc with handle of zero.";
      this.facts.set(key, w.slice(5).join(" "));
      return undefined;
    }
    if (w[0] === "addr" || w[0] === "route") {
      const key = `${ns}/${w[0]} ${w
        .slice(2)
        .filter((x) => x !== "nodad")
        .join(" ")}`;
      return w[1] === "add" ? this.add(key, "1") : this.del(key);
    }
    return `unknown line ${line}`;
  }

  /** `link set IF netns NS` (`1`: the machine's): it arrives down, without its addresses and routes. */
  private move(from: string, ifname: string, target: string): string | undefined {
    const to = target === "1" ? MACHINE : target;
    const key = `${from}/if ${ifname}`;
    const moved = `${to}/if ${ifname}`;
    if (!this.facts.has(key)) return "Cannot find device";
    if (to !== MACHINE && !this.facts.has(`${to}/ns`)) return 'Invalid "netns" value';
    if (this.facts.has(moved)) return "RTNETLINK answers: File exists";
    const mtu = this.facts.get(`${from}/mtu ${ifname}`);
    for (const f of [...this.facts.keys()])
      if (
        f === key ||
        f === `${from}/mtu ${ifname}` ||
        (f.startsWith(`${from}/`) && / dev (\S+)( |$)/.exec(f)?.[1] === ifname)
      )
        this.facts.delete(f);
    this.facts.set(moved, "down");
    if (mtu !== undefined) this.facts.set(`${to}/mtu ${ifname}`, mtu);
    const peer = this.peers.get(key);
    if (peer !== undefined) {
      this.peers.delete(key);
      this.peers.set(moved, peer);
      this.peers.set(peer, moved);
    }
    return undefined;
  }

  private add(key: string, value: string): string | undefined {
    if (this.facts.has(key)) return "RTNETLINK answers: File exists";
    this.facts.set(key, value);
    return undefined;
  }

  private del(key: string): string | undefined {
    return this.facts.delete(key) ? undefined : "RTNETLINK answers: No such process";
  }

  private dropIf(key: string): string | undefined {
    const peer = this.peers.get(key);
    if (peer === undefined) return this.dropBridge(key);
    for (const k of [key, peer]) {
      const [ns, ifname] = k.replace("/if ", " ").split(" ");
      this.peers.delete(k);
      for (const f of [...this.facts.keys()])
        if (f === k || f === `${ns}/mtu ${ifname}` || (f.startsWith(`${ns}/`) && f.endsWith(` dev ${ifname}`)))
          this.facts.delete(f);
    }
    return undefined;
  }

  /** A device without a peer (a bridge): it goes, and its ports are no longer enslaved. */
  private dropBridge(key: string): string | undefined {
    if (!this.facts.has(key)) return "Cannot find device";
    const [ns, ifname] = key.replace("/if ", " ").split(" ");
    this.facts.delete(key);
    for (const [f, v] of [...this.facts])
      if (f.startsWith(`${ns}/`) && (f.endsWith(` dev ${ifname}`) || (f.startsWith(`${ns}/master `) && v === ifname)))
        this.facts.delete(f);
    return undefined;
  }

  private dropNs(ns: string): string | undefined {
    if (!this.facts.has(`${ns}/ns`)) return "Cannot remove namespace file";
    for (const k of [...this.peers.keys()]) if (k.startsWith(`${ns}/`)) this.dropIf(k);
    for (const f of [...this.facts.keys()]) if (f.startsWith(`${ns}/`)) this.facts.delete(f);
    return undefined;
  }

  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.facts].filter(([k, v]) => !(k.includes("/sysctl ") && v === "0")).sort());
  }
}
