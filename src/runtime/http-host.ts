// The live page's web server (node:http): read-only, GET and HEAD only, and on a loopback address
// it answers only requests addressed to one (a web page elsewhere cannot reach it by a DNS name that
// points at 127.0.0.1). Routes are handed in; an event stream (Server-Sent Events) pushes changes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fail, netlError, ok, type Result } from "../diagnostic.js";

export interface HttpReply {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

export interface HttpRoutes {
  /** The reply for a path; undefined: 404. */
  get(path: string): Promise<HttpReply | undefined>;
  /** An event stream at this path: `send` pushes one event; returns how to stop, or undefined: no stream here. */
  stream(path: string, send: (event: string, data: string) => void): (() => void) | undefined;
}

export interface Listening {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** A listening socket handed over by the netl that started this one (the rootless sandbox's). */
  readonly fd?: number;
}

/** Content Security Policy: everything from netl itself; Graphviz's SVG carries inline styles. */
const SECURITY = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/i;
const isLoopback = (host: string) => /^127\./.test(host) || host === "::1" || host === "localhost";

const HEARTBEAT_MS = 15_000;

function reply(res: ServerResponse, r: HttpReply, head: boolean): void {
  res.writeHead(r.status, { "content-type": r.type, ...SECURITY });
  res.end(head ? undefined : r.body);
}

const text = (status: number, body: string): HttpReply => ({ status, type: "text/plain; charset=utf-8", body });

function handler(routes: HttpRoutes, loopback: boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return reply(res, text(405, "the page is read-only\n"), false);
    }
    if (loopback && !LOOPBACK.test(req.headers.host ?? "")) return reply(res, text(421, "wrong host\n"), false);
    const path = new URL(req.url ?? "/", "http://netl").pathname;
    const stop = routes.stream(path, (event, data) => {
      res.write(`event: ${event}\ndata: ${data.split("\n").join("\ndata: ")}\n\n`);
    });
    if (stop) {
      res.writeHead(200, { "content-type": "text/event-stream", ...SECURITY });
      res.write(": netl\n\n");
      const beat = setInterval(() => res.write(": still here\n\n"), HEARTBEAT_MS);
      req.on("close", () => {
        clearInterval(beat);
        stop();
      });
      return;
    }
    routes.get(path).then(
      (r) => reply(res, r ?? text(404, "not found\n"), req.method === "HEAD"),
      (e: unknown) => reply(res, text(500, `${e instanceof Error ? e.message : String(e)}\n`), false),
    );
  };
}

/** Start serving; the address in use (or refused) is an error to show, not a throw. */
export function listen(options: ListenOptions, routes: HttpRoutes): Promise<Result<Listening>> {
  const server = createServer(handler(routes, isLoopback(options.host)));
  return new Promise((resolve) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      const why =
        e.code === "EADDRINUSE"
          ? "the port is in use"
          : e.code === "EADDRNOTAVAIL"
            ? "no such address here"
            : e.message;
      resolve(
        fail(
          netlError("usage", "serve-failed", `cannot serve the page on ${options.host}:${options.port}: ${why}`, {
            hint: "another port: --port N (0 picks a free one)",
          }),
        ),
      );
    });
    const listening = () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      resolve(
        ok({
          url: `http://${host}:${port}/`,
          port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        }),
      );
    };
    if (options.fd !== undefined) server.listen({ fd: options.fd }, listening);
    else server.listen(options.port, options.host, listening);
  });
}
