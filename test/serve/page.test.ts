// The live page's server, without a kernel: what it serves (all of it from netl: no other host), the
// event stream that follows every change, the kernel's view behind a click (through a fake `ip`),
// and what it refuses: writes, other Host names, unknown nodes.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { ExecResult, Executor } from "../../src/runtime/executor.js";
import { LivePage, type PageEvent } from "../../src/serve/page.js";
import { HandSource } from "./support.js";
import { decoded } from "./svg-geometry.js";

const LAB = "ns A B\nlink A <-> B 10.0.0.0/24\n";

/** A fake `ip`/`tc` that answers JSON for one namespace and records what it was asked. */
class FakeIp implements Executor {
  readonly asked: string[] = [];
  async run(argv: readonly string[]): Promise<ExecResult> {
    this.asked.push(argv.join(" "));
    const out = (v: unknown): ExecResult => ({ exitCode: 0, stdout: JSON.stringify(v), stderr: "" });
    if (argv[0] === "tc") return out([{ kind: "netem", dev: "eth0", root: true, options: { delay: { delay: 0.02 } } }]);
    if (argv.includes("route"))
      return out(argv.includes("-4") ? [{ dst: "10.0.0.0/24", dev: "eth0", protocol: "kernel" }] : []);
    return out([
      {
        ifname: "eth0",
        flags: ["UP"],
        operstate: "UP",
        mtu: 1500,
        address: "aa:bb:cc:dd:ee:ff",
        linkinfo: { info_kind: "veth" },
        addr_info: [{ local: "10.0.0.1", prefixlen: 24 }],
        stats64: { rx: { bytes: 980, packets: 10 }, tx: { bytes: 490, packets: 5 } },
      },
    ]);
  }
}

const pages: LivePage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

async function served(source = new HandSource("lab1", "pfx"), executor: Executor = new FakeIp()) {
  const page = new LivePage(executor);
  pages.push(page);
  page.follow(source);
  const url = await page.listen({ host: "127.0.0.1", port: 0 });
  if (!url.ok) throw new Error(url.error.message);
  return { page, source, url: url.value };
}

function get(url: string, options: { method?: string; host?: string } = {}) {
  return new Promise<{ status: number; type: string; body: string; csp: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.host ? { host: options.host } : {} },
      (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"]),
            body,
            csp: String(res.headers["content-security-policy"]),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The page's event stream: each `lab` event as it comes. */
async function* events(url: string): AsyncGenerator<PageEvent> {
  const res = await fetch(`${url}events`);
  if (!res.body) throw new Error("no stream");
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.startsWith("event: lab")) continue;
      yield JSON.parse(
        block
          .split("\n")
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n"),
      ) as PageEvent;
    }
  }
}

describe("the live page's server", () => {
  it("serves the page, its script and style from netl itself: no other host is named", async () => {
    const { url } = await served();
    const html = await get(url);
    expect(html.status).toBe(200);
    expect(html.type).toBe("text/html; charset=utf-8");
    expect(html.csp).toContain("default-src 'none'");
    const refs = [...html.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(["/page.css", "/page.js"]);
    const js = await get(`${url}page.js`);
    expect(js.type).toBe("text/javascript; charset=utf-8");
    expect(js.body).toContain('new EventSource("/events")');
    expect(js.body).not.toMatch(/https?:\/\//);
    expect((await get(`${url}page.css`)).type).toBe("text/css; charset=utf-8");
    expect((await get(`${url}nothing`)).status).toBe(404);
  });

  it("pushes the lab after every change, undo included: each event a new version and picture", async () => {
    const { url, source } = await served();
    source.set(LAB);
    const stream = events(url);
    const first = (await stream.next()).value as PageEvent;
    expect(first).toMatchObject({ lab: "lab1", up: true, version: 1 });
    expect(decoded(first.svg)).toContain('<g id="node-A" class="node kind-ns">');
    expect(first.svg).toContain("10.0.0.1/24");
    source.set(`${LAB}set A <-> B down\n`);
    const down = (await stream.next()).value as PageEvent;
    expect(down.version).toBe(2);
    expect(decoded(down.svg)).toMatch(/<g id="link-1" class="edge link down">/);
    source.set(LAB); // undo
    const back = (await stream.next()).value as PageEvent;
    expect(back.version).toBe(3);
    expect(decoded(back.svg)).toMatch(/<g id="link-1" class="edge link">/);
    source.set(undefined); // the lab went down
    expect((await stream.next()).value).toMatchObject({ up: false, picture: { nodes: [], links: [] } });
    await stream.return(undefined);
  });

  it("answers a click with the kernel's view of the node, read in its namespace", async () => {
    const ip = new FakeIp();
    const { url, source } = await served(new HandSource("lab1", "pfx"), ip);
    source.set(LAB);
    const node = JSON.parse((await get(`${url}api/node/A`)).body);
    expect(node).toEqual({
      ok: true,
      node: "A",
      namespace: "pfx-A",
      interfaces: [
        {
          name: "eth0",
          up: true,
          state: "UP",
          mtu: 1500,
          mac: "aa:bb:cc:dd:ee:ff",
          kind: "veth",
          addresses: ["10.0.0.1/24"],
          rx: { bytes: 980, packets: 10 },
          tx: { bytes: 490, packets: 5 },
          qdisc: "netem delay 0.02",
        },
      ],
      routes: [{ destination: "10.0.0.0/24", dev: "eth0", protocol: "kernel" }],
    });
    expect(ip.asked).toContain("ip -n pfx-A -j -s -d addr show");
    const link = JSON.parse((await get(`${url}api/link/1`)).body);
    expect(link.a).toMatchObject({ node: "A", ifname: "eth0", addresses: ["10.0.0.1/24"], kernel: { name: "eth0" } });
    expect(link.b).toMatchObject({ node: "B", ifname: "eth0", addresses: ["10.0.0.2/24"] });
    // A node or link the lab does not have is not looked for.
    const asked = ip.asked.length;
    expect((await get(`${url}api/node/C`)).status).toBe(404);
    expect((await get(`${url}api/node/..%2Fetc`)).status).toBe(404);
    expect((await get(`${url}api/link/9`)).status).toBe(404);
    expect(ip.asked.length).toBe(asked);
  });

  it("is read-only and answers only requests addressed to the loopback", async () => {
    const { url } = await served();
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) expect((await get(url, { method })).status).toBe(405);
    expect((await get(url, { host: "evil.example:80" })).status).toBe(421);
    expect((await get(url, { host: "127.0.0.1.evil.example" })).status).toBe(421);
    expect((await get(url, { host: "localhost" })).status).toBe(200);
  });

  it("says why it cannot listen: a port in use", async () => {
    const { page } = await served();
    const port = Number(new URL(page.url ?? "").port);
    const other = new LivePage(new FakeIp());
    pages.push(other);
    const r = await other.listen({ host: "127.0.0.1", port });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(`cannot serve the page on 127.0.0.1:${port}: the port is in use`);
  });
});
