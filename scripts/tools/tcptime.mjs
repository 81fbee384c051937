#!/usr/bin/env node
// A tiny TCP throughput meter for labs (run it in namespaces with netl's `exec A …`). No dependencies.
//
//   node scripts/tools/tcptime.mjs serve PORT [--once | --many] [--timeout SECS]
//     Listens on PORT (IPv6 and IPv4 alike where the namespace has IPv6), reads and discards what a
//     connection sends, and when the sender half-closes answers with the byte count and closes. With
//     --once (the default) it exits 0 after that first connection; with --many it serves until the
//     timeout. It never runs forever: after --timeout seconds (default 30) it exits, 1 if no
//     connection was complete (with --many: 0 if one was). Prints `received N bytes` per connection.
//
//   node scripts/tools/tcptime.mjs send HOST PORT BYTES [--timeout SECS]
//     Connects (retrying for CONNECT_RETRY_MS while nothing listens yet), sends BYTES bytes, half-closes and
//     waits for the server's count and close; prints `sent BYTES bytes in SECONDS s`, timed from the
//     connection to the server's close, and exits 0. Any failure (refused after the retries, a short
//     count, --timeout SECS (default 60) passing) is one line on stderr and exit 1.
import net from "node:net";

const CONNECT_RETRY_MS = 10_000;
const RETRY_EVERY_MS = 100;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);

function fail(message, code = 1) {
  process.stderr.write(`tcptime: ${message}\n`);
  process.exit(code);
}

function usage() {
  fail("usage: tcptime.mjs serve PORT [--once|--many] [--timeout SECS] | send HOST PORT BYTES [--timeout SECS]", 2);
}

function parseArgs(argv) {
  const positional = [];
  const flags = { once: true, timeout: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--once") flags.once = true;
    else if (a === "--many") flags.once = false;
    else if (a === "--timeout") {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) fail(`--timeout wants a positive number of seconds, got '${argv[i]}'`, 2);
      flags.timeout = v;
    } else if (a.startsWith("--")) fail(`unknown option ${a}`, 2);
    else positional.push(a);
  }
  return { positional, flags };
}

function parsePort(s) {
  const n = Number(s);
  if (!/^\d+$/.test(s ?? "") || n < 1 || n > 65535) fail(`bad port '${s}'`, 2);
  return n;
}

function serve(port, once, timeoutSecs) {
  let completed = 0;
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    let received = 0;
    socket.on("data", (chunk) => {
      received += chunk.length;
    });
    socket.on("end", () => {
      // The sender half-closed: all its data is here. Answer with the count, then close.
      socket.end(`${received}\n`);
    });
    socket.on("close", (hadError) => {
      if (hadError) return;
      completed++;
      process.stdout.write(`received ${received} bytes\n`);
      if (once) {
        server.close();
        process.exit(0);
      }
    });
    socket.on("error", (e) => process.stderr.write(`tcptime: connection: ${e.message}\n`));
  });
  setTimeout(() => {
    if (once || completed === 0) fail(`serve: no complete connection within ${timeoutSecs} s`);
    process.exit(0);
  }, timeoutSecs * 1000);
  let ipv4Only = false;
  server.on("error", (e) => {
    // No IPv6 in this namespace: the IPv4 unspecified address.
    if ((e.code === "EAFNOSUPPORT" || e.code === "EADDRNOTAVAIL") && !ipv4Only) {
      ipv4Only = true;
      server.listen(port, "0.0.0.0");
      return;
    }
    fail(`serve: ${e.message}`);
  });
  // `::` with the kernel's default bindv6only=0 accepts IPv4 (as ::ffff:a.b.c.d) too.
  server.listen(port, "::");
}

function send(host, port, bytes, timeoutSecs) {
  const giveUpAt = Date.now() + CONNECT_RETRY_MS;
  const overall = setTimeout(() => fail(`send: not done within ${timeoutSecs} s`), timeoutSecs * 1000);
  const retryable = new Set(["ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL", "ECONNRESET"]);

  const attempt = () => {
    let connectedAt;
    let sent = 0;
    let answer = "";
    const socket = net.connect({ host, port, allowHalfOpen: true });
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(CHUNK.length, bytes - sent);
        sent += n;
        if (!socket.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
          socket.once("drain", pump);
          return;
        }
      }
      socket.end();
    };
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connectedAt = process.hrtime.bigint();
      pump();
    });
    socket.on("data", (s) => {
      answer += s;
    });
    socket.on("end", () => {
      const seconds = Number(process.hrtime.bigint() - connectedAt) / 1e9;
      const got = Number(answer.trim());
      if (answer.trim() === "" || got !== bytes)
        fail(`send: the server received ${answer.trim() || "?"} of ${bytes} bytes`);
      clearTimeout(overall);
      process.stdout.write(`sent ${bytes} bytes in ${seconds.toFixed(3)} s\n`);
      socket.destroy();
      process.exit(0);
    });
    socket.on("error", (e) => {
      socket.destroy();
      if (connectedAt === undefined && retryable.has(e.code) && Date.now() + RETRY_EVERY_MS < giveUpAt) {
        setTimeout(attempt, RETRY_EVERY_MS);
        return;
      }
      fail(`send: ${host} port ${port}: ${e.message}`);
    });
  };
  attempt();
}

const [mode, ...rest] = process.argv.slice(2);
const { positional, flags } = parseArgs(rest);
if (mode === "serve") {
  if (positional.length !== 1) usage();
  serve(parsePort(positional[0]), flags.once, flags.timeout ?? 30);
} else if (mode === "send") {
  if (positional.length !== 3) usage();
  const [host, port, count] = positional;
  if (!/^\d+$/.test(count)) fail(`bad byte count '${count}'`, 2);
  send(host, parsePort(port), Number(count), flags.timeout ?? 60);
} else {
  usage();
}
