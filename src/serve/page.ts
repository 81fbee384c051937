// The live page of a lab: it follows a source of the lab's pictures (this netl's own feed, or
// another netl's feed file), draws each with Graphviz as `netl graph -o x.svg` does, and pushes it
// to every open page at once. Clicks ask the kernel (runtime/lab-details.ts). It changes nothing.
import { ok, type Result } from "../diagnostic.js";
import { graphDot } from "../present/graph-dot.js";
import type { Picture } from "../present/graph-model.js";
import { renderSvg } from "../present/graph-svg.js";
import type { Executor } from "../runtime/executor.js";
import { type HttpReply, type HttpRoutes, type Listening, listen } from "../runtime/http-host.js";
import { type NodeView, nodeView } from "../runtime/lab-details.js";
import type { FeedState } from "../runtime/live-feed.js";
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from "./assets.js";
import type { ServeAt } from "./at.js";

export type { ServeAt } from "./at.js";

/** Where the pictures come from; `subscribe` returns how to stop. */
export interface PictureSource {
  readonly lab: string;
  current(): FeedState<Picture> | undefined;
  subscribe(listener: (state: FeedState<Picture> | undefined) => void): () => void;
}

/** What an open page is sent after every change. */
export interface PageEvent {
  readonly lab: string;
  readonly up: boolean;
  readonly version: number;
  readonly picture: Picture;
  readonly svg: string;
}

const EMPTY: Picture = { nodes: [], links: [] };

/** How long the page waits for more changes before it draws: a script's burst is one drawing. */
const SETTLE_MS = 30;

const json = (body: unknown, status = 200): HttpReply => ({
  status,
  type: "application/json; charset=utf-8",
  body: JSON.stringify(body),
});

export class LivePage {
  #source: PictureSource | undefined;
  #unsubscribe: (() => void) | undefined;
  #event: PageEvent | undefined;
  #drawing: Promise<void> | undefined;
  #again = false;
  #listening: Listening | undefined;
  /** Each open page, with the last picture it was sent (a page gets each one once). */
  readonly #clients = new Map<(event: string, data: string) => void, string>();

  constructor(private readonly executor: Executor) {}

  get url(): string | undefined {
    return this.#listening?.url;
  }

  /** Follow this lab from now on (the tutorial moves from one lesson's lab to the next). */
  follow(source: PictureSource): void {
    this.#unsubscribe?.();
    this.#source = source;
    this.#unsubscribe = source.subscribe(() => this.#redraw());
    this.#redraw();
  }

  async listen(at: ServeAt): Promise<Result<string>> {
    if (this.#listening) return ok(this.#listening.url);
    const listening = await listen(at, this.#routes());
    if (!listening.ok) return listening;
    this.#listening = listening.value;
    return ok(listening.value.url);
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    const listening = this.#listening;
    this.#listening = undefined;
    this.#clients.clear();
    await listening?.close();
  }

  /** Draw the newest picture, once at a time; changes meanwhile make one more drawing after it. */
  #redraw(): void {
    if (this.#drawing) {
      this.#again = true;
      return;
    }
    this.#drawing = new Promise<void>((settled) => setTimeout(settled, SETTLE_MS))
      .then(() => this.#draw())
      .catch(() => {})
      .finally(() => {
        this.#drawing = undefined;
        if (this.#again) {
          this.#again = false;
          this.#redraw();
        }
      });
  }

  async #draw(): Promise<void> {
    const source = this.#source;
    if (source === undefined) return;
    const state = source.current();
    const picture = state?.picture ?? EMPTY;
    const event: PageEvent = {
      lab: source.lab,
      up: state !== undefined,
      version: state?.version ?? 0,
      picture,
      svg: await renderSvg(graphDot(picture)),
    };
    this.#event = event;
    for (const send of this.#clients.keys()) this.#send(send, event);
  }

  #send(send: (event: string, data: string) => void, event: PageEvent): void {
    const key = `${event.up}/${event.version}/${this.#source?.current()?.pid ?? 0}`;
    if (this.#clients.get(send) === key) return;
    this.#clients.set(send, key);
    send("lab", JSON.stringify(event));
  }

  /** The page's current event, drawn if it was not yet. */
  async event(): Promise<PageEvent | undefined> {
    if (this.#event === undefined && this.#source) await this.#draw();
    return this.#event;
  }

  /** A node as the kernel sees it; the machine shows only the lab's ends there. */
  async node(name: string): Promise<NodeView | undefined> {
    const state = this.#source?.current();
    const node = state?.picture.nodes.find((n) => n.name === name);
    if (state === undefined || node === undefined) return undefined;
    if (node.kind === "host") {
      const ends = state.picture.links.flatMap((l) => [l.a, l.b]).filter((e) => e.node === name);
      return nodeView(
        this.executor,
        name,
        undefined,
        ends.map((e) => e.ifname),
      );
    }
    return nodeView(this.executor, name, state.prefix ? `${state.prefix}-${name}` : name);
  }

  /** Both ends of a link, each as the kernel sees its interface. */
  async link(id: number) {
    const link = this.#source?.current()?.picture.links.find((l) => l.id === id);
    if (link === undefined) return undefined;
    const end = async (e: typeof link.a) => {
      const view = await this.node(e.node);
      const iface = view?.ok ? view.interfaces.find((i) => i.name === e.ifname) : undefined;
      return { ...e, kernel: iface ?? null, error: view && !view.ok ? view.error : undefined };
    };
    return { id, down: link.down, conditions: link.conditions, a: await end(link.a), b: await end(link.b) };
  }

  #routes(): HttpRoutes {
    return {
      get: async (path) => {
        if (path === "/" || path === "/index.html")
          return { status: 200, type: "text/html; charset=utf-8", body: PAGE_HTML };
        if (path === "/page.js") return { status: 200, type: "text/javascript; charset=utf-8", body: PAGE_JS };
        if (path === "/page.css") return { status: 200, type: "text/css; charset=utf-8", body: PAGE_CSS };
        if (path === "/api/lab") return json((await this.event()) ?? null);
        const node = /^\/api\/node\/([A-Za-z][A-Za-z0-9_-]*)$/.exec(path);
        if (node?.[1] !== undefined) {
          const view = await this.node(node[1]);
          return view ? json(view) : json({ error: `no node ${node[1]}` }, 404);
        }
        const link = /^\/api\/link\/(\d+)$/.exec(path);
        if (link?.[1] !== undefined) {
          const view = await this.link(Number(link[1]));
          return view ? json(view) : json({ error: `no link ${link[1]}` }, 404);
        }
        return undefined;
      },
      stream: (path, send) => {
        if (path !== "/events") return undefined;
        this.#clients.set(send, "");
        void this.event().then((e) => {
          if (e && this.#clients.has(send)) this.#send(send, e);
        });
        return () => this.#clients.delete(send);
      },
    };
  }
}
