// The live page in the browser: netl pushes the lab's picture (Graphviz's SVG and the picture's data)
// over Server-Sent Events after every change; a click asks netl for the kernel's view of a node or of
// both ends of a link, refreshed every second while it is open (live counters). Read-only.
const graph = document.getElementById("graph");
const panel = document.getElementById("panel");
const details = document.getElementById("details");
const statusBadge = document.getElementById("status");
const labName = document.getElementById("lab");
const versionText = document.getElementById("version");

/** What the panel shows: { kind: "node", name } or { kind: "link", id }, or null. */
let selected = null;
let refreshing = null;

const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};

const table = (heads, rows) =>
  el(
    "table",
    {},
    el("tr", {}, ...heads.map((h) => el("th", {}, h))),
    ...rows.map((r) => el("tr", {}, ...r.map((c) => (c instanceof Node ? el("td", {}, c) : el("td", {}, c ?? ""))))),
  );

const num = (n) => el("span", { class: "num" }, Number(n).toLocaleString("en"));

function setStatus(text, kind) {
  statusBadge.textContent = text;
  statusBadge.className = `status ${kind}`;
}

/** What a click on the picture names: a node, or a link by its id (its middle, its ends, its stubs). */
function target(g) {
  const id = g?.id ?? "";
  let m = /^node-(.+)$/.exec(id);
  if (m) return { kind: "node", name: m[1] };
  m = /^(?:link|end)-(\d+)/.exec(id);
  if (m) return { kind: "link", id: Number(m[1]) };
  return null;
}

function mark() {
  for (const g of graph.querySelectorAll("g.selected")) g.classList.remove("selected");
  if (selected?.kind === "node") document.getElementById(`node-${selected.name}`)?.classList.add("selected");
  if (selected?.kind === "link") document.getElementById(`link-${selected.id}`)?.classList.add("selected");
}

function show(event) {
  document.title = `netl: ${event.lab}`;
  labName.textContent = event.lab;
  versionText.textContent = event.up ? `change ${event.version}` : "";
  document.body.dataset.version = String(event.version);
  document.body.dataset.up = String(event.up);
  if (!event.up) {
    graph.replaceChildren(el("p", { class: "empty" }, `lab '${event.lab}' is not up (netl ls lists the labs)`));
    setStatus("not up", "down");
    return;
  }
  setStatus("live", "live");
  const svg = new DOMParser().parseFromString(event.svg, "image/svg+xml").documentElement;
  graph.replaceChildren(document.importNode(svg, true));
  mark();
  if (selected) void refresh();
}

function interfacesTable(view) {
  return table(
    ["interface", "state", "addresses", "mtu", "queue", "rx pkts", "rx bytes", "tx pkts", "tx bytes"],
    view.interfaces.map((i) => [
      i.master ? `${i.name} (port of ${i.master})` : i.name,
      el("span", { class: i.up ? "" : "bad" }, i.up ? i.state.toLowerCase() : "down"),
      i.addresses.join("\n"),
      i.mtu,
      i.qdisc ?? "",
      num(i.rx.packets),
      num(i.rx.bytes),
      num(i.tx.packets),
      num(i.tx.bytes),
    ]),
  );
}

function nodePanel(view) {
  if (!view.ok) return [el("h2", {}, view.node), el("p", { class: "bad" }, view.error)];
  return [
    el("h2", {}, view.node),
    el(
      "p",
      {},
      view.namespace ? `namespace ${view.namespace}, as the kernel sees it` : "the lab's ends on the machine",
    ),
    el("h3", {}, "interfaces"),
    interfacesTable(view),
    el("h3", {}, "routes"),
    view.routes.length === 0
      ? el("p", {}, "none")
      : table(
          ["destination", "via", "dev", "protocol"],
          view.routes.map((r) => [r.destination, r.via ?? "", r.dev ?? "", r.protocol ?? ""]),
        ),
  ];
}

function endPanel(end) {
  const k = end.kernel;
  return [
    el("h3", {}, `${end.node}:${end.ifname}`),
    table(
      ["", "netl", "kernel"],
      [
        ["addresses", end.addresses.join("\n"), k ? k.addresses.join("\n") : ""],
        ["state", end.up ? "up" : "down", k ? (k.up ? k.state.toLowerCase() : "down") : (end.error ?? "")],
        ["conditions", end.conditions || "plain", k?.qdisc ?? (k ? "default queue" : "")],
        ["rx packets / bytes", "", k ? `${k.rx.packets} / ${k.rx.bytes}` : ""],
        ["tx packets / bytes", "", k ? `${k.tx.packets} / ${k.tx.bytes}` : ""],
      ],
    ),
  ];
}

function linkPanel(view) {
  return [
    el("h2", {}, `${view.a.node} — ${view.b.node}`),
    el("p", { class: view.down ? "bad" : "" }, view.down ? "down" : view.conditions || "a plain wire"),
    ...endPanel(view.a),
    ...endPanel(view.b),
  ];
}

async function refresh() {
  const asked = selected;
  if (!asked) return;
  const url = asked.kind === "node" ? `/api/node/${encodeURIComponent(asked.name)}` : `/api/link/${asked.id}`;
  const res = await fetch(url);
  if (selected !== asked) return;
  if (!res.ok) {
    details.replaceChildren(el("p", { class: "bad" }, `${asked.kind === "node" ? asked.name : "this link"} is gone`));
    return;
  }
  const view = await res.json();
  details.replaceChildren(...(asked.kind === "node" ? nodePanel(view) : linkPanel(view)));
}

function select(what) {
  selected = what;
  panel.hidden = what === null;
  details.replaceChildren();
  mark();
  clearInterval(refreshing);
  refreshing = what ? setInterval(() => void refresh(), 1000) : null;
  if (what) void refresh();
}

graph.addEventListener("click", (e) => {
  const what = target(e.target.closest?.("g.node, g.edge"));
  if (what) select(what);
});
document.getElementById("close").addEventListener("click", () => select(null));

const events = new EventSource("/events");
events.addEventListener("lab", (e) => show(JSON.parse(e.data)));
events.addEventListener("error", () => setStatus("reconnecting…", "down"));
