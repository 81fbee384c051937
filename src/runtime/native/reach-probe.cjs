// `expect [no] tcp|udp A B PORT`'s check (runtime/reach.ts), run inside A by the Node running netl as
// `node -e PROBE PROTOCOL HOST PORT MS RETRY`. tcp: a connection is accepted; udp: a datagram is
// answered (an echo). It prints one word (open, refused, blocked or silent) and exits 0 only for open.
// RETRY `1` tries again until MS is over, so a server spawned just before can start.
const [proto, host, port, ms, retry] = process.argv.slice(1);
const deadline = Date.now() + Number(ms);
const done = (word) => {
  console.log(word);
  process.exit(word === "open" ? 0 : 1);
};
const word = (e) => (e && e.code === "ECONNREFUSED" ? "refused" : e && e.code === "EPERM" ? "blocked" : "silent");
const again = (last) => (retry === "1" && Date.now() + 200 < deadline ? setTimeout(attempt, 200) : done(last));

function attempt() {
  if (proto === "tcp") {
    const s = require("node:net").connect({
      host,
      port: Number(port),
      timeout: Math.max(100, deadline - Date.now()),
    });
    s.on("connect", () => {
      s.destroy();
      done("open");
    });
    s.on("timeout", () => {
      s.destroy();
      done("silent");
    });
    s.on("error", (e) => {
      s.destroy();
      again(word(e));
    });
  } else {
    const s = require("node:dgram").createSocket(host.includes(":") ? "udp6" : "udp4");
    const t = setTimeout(() => {
      s.close();
      again("silent");
    }, 400);
    s.on("message", () => {
      clearTimeout(t);
      s.close();
      done("open");
    });
    s.on("error", (e) => {
      clearTimeout(t);
      s.close();
      again(word(e));
    });
    s.connect(Number(port), host, () => s.send("netl\n", (e) => e && s.emit("error", e)));
  }
}

setTimeout(() => done("silent"), Number(ms) + 500).unref();
attempt();
