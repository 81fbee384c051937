// `netl lsp` driven as an editor drives it: the built bin started with pipes, a JSON-RPC client
// (vscode-languageserver-protocol over vscode-jsonrpc) speaking LSP to it over stdio. Each request's
// answer is checked whole.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { NETL_BIN } from "../support/netl.js";

const URI = "file:///lab/three.netl";
const TEXT = [
  "ns A B", // 0
  "router R", // 1
  "link A <-> R 10.0.0.0/24 delay 20ms", // 2
  "link R:eth1 <-> B 10.0.1.0/24", // 3
  "ping A C", // 4
].join("\n");

let child: ChildProcess;
let lsp: ProtocolConnection;
const dir = mkdtempSync(join(tmpdir(), "netl-lsp-"));
/** Each publishDiagnostics, by document version. */
const published: PublishDiagnosticsParams[] = [];

async function diagnosticsFor(version: number, uri = URI): Promise<PublishDiagnosticsParams> {
  const t0 = Date.now();
  for (;;) {
    const found = published.find((p) => p.uri === uri && p.version === version);
    if (found) return found;
    if (Date.now() - t0 > 10_000) throw new Error(`no diagnostics for version ${version}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });
const range = (l0: number, c0: number, l1: number, c1: number) => ({
  start: { line: l0, character: c0 },
  end: { line: l1, character: c1 },
});

beforeAll(async () => {
  writeFileSync(join(dir, "part.netl"), "ns P\nlink P <-> Q\n");
  child = spawn(NETL_BIN, ["lsp"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
  lsp = createProtocolConnection(
    new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
  );
  lsp.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  lsp.listen();
});

afterAll(() => {
  lsp?.dispose();
  if (child.exitCode === null) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe("netl lsp over stdio", () => {
  it("initializes with what it offers", async () => {
    const r = await lsp.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    expect(r).toEqual({
      serverInfo: { name: "netl", version: "0.1.0" },
      capabilities: {
        textDocumentSync: 2,
        completionProvider: { triggerCharacters: [":", " "] },
        hoverProvider: true,
        definitionProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
      },
    });
    await lsp.sendNotification("initialized", {});
  });

  it("says what netl check says, where it says it, as the file is opened", async () => {
    await lsp.sendNotification("textDocument/didOpen", {
      textDocument: { uri: URI, languageId: "netl", version: 1, text: TEXT },
    });
    expect(await diagnosticsFor(1)).toEqual({
      uri: URI,
      version: 1,
      diagnostics: [
        {
          range: range(4, 7, 4, 8),
          message: "unknown node 'C'\nhint: create it first: ns C",
          code: "unknown-node",
          severity: 1,
          source: "netl",
        },
      ],
    });
  });

  it("says nothing once the mistake is mended as the user types", async () => {
    await lsp.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: range(4, 7, 4, 8), text: "B" }],
    });
    expect((await diagnosticsFor(2)).diagnostics).toEqual([]);
  });

  it("completes condition words and the statement's keywords where the grammar allows them", async () => {
    await lsp.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: range(4, 8, 4, 8), text: "\nset A <-> R " }],
    });
    // A statement half written is a syntax error until it is whole.
    expect((await diagnosticsFor(3)).diagnostics.map((d) => d.message)).toEqual([
      "expected 'clear', 'up', 'down' or a condition such as delay 20ms, found end of line",
    ]);
    const items = (await lsp.sendRequest("textDocument/completion", at(5, 12))) as { label: string; kind: number }[];
    expect(items.map((i) => i.label).sort()).toEqual(
      [
        "clear",
        "corrupt",
        "delay",
        "down",
        "duplicate",
        "jitter",
        "limit",
        "loss",
        "mtu",
        "rate",
        "reorder",
        "up",
      ].sort(),
    );
    expect(items.every((i) => i.kind === 14)).toBe(true);
  });

  it("completes node names and a node's interfaces from the lab the lines above build", async () => {
    await lsp.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 4 },
      contentChanges: [{ range: range(5, 0, 5, 12), text: "set R:e" }],
    });
    const items = await lsp.sendRequest("textDocument/completion", at(5, 7));
    expect(items).toEqual([
      { label: "R:eth0", kind: 5, textEdit: { range: range(5, 4, 5, 7), newText: "R:eth0" } },
      { label: "R:eth1", kind: 5, textEdit: { range: range(5, 4, 5, 7), newText: "R:eth1" } },
    ]);
    const nodes = (await lsp.sendRequest("textDocument/completion", at(4, 5))) as { label: string }[];
    expect(nodes.map((i) => i.label)).toEqual(["A", "B", "R"]);
    const a = (await lsp.sendRequest("textDocument/completion", at(4, 6))) as { label: string }[];
    expect(a.map((i) => i.label)).toEqual(["A"]);
  });

  it("shows help on hover: a statement's, a condition's, and what a node is", async () => {
    expect(await lsp.sendRequest("textDocument/hover", at(1, 2))).toEqual({
      contents: {
        kind: "markdown",
        value:
          "```\n  router R [S …]\n    a namespace with IPv4 and IPv6 forwarding on; an existing ns R gets its forwarding turned on\n    e.g. router R\n```",
      },
      range: range(1, 0, 1, 6),
    });
    const delay = (await lsp.sendRequest("textDocument/hover", at(2, 27))) as { contents: { value: string } };
    expect(delay.contents.value).toContain("delay 20ms [jitter 5ms]");
    const node = (await lsp.sendRequest("textDocument/hover", at(3, 5))) as {
      contents: { value: string };
      range: unknown;
    };
    expect(node.contents.value.split("\n")[0]).toBe("**router R**, made on line 2");
    expect(node.range).toEqual(range(3, 5, 3, 11));
    expect(await lsp.sendRequest("textDocument/hover", at(2, 13))).toBeNull();
  });

  it("goes to where a node is made, from a name or an interface", async () => {
    expect(await lsp.sendRequest("textDocument/definition", at(2, 11))).toEqual({ uri: URI, range: range(1, 7, 1, 8) });
    expect(await lsp.sendRequest("textDocument/definition", at(3, 5))).toEqual({ uri: URI, range: range(1, 7, 1, 8) });
    expect(await lsp.sendRequest("textDocument/definition", at(3, 17))).toEqual({ uri: URI, range: range(0, 5, 0, 6) });
    // An address is no node.
    expect(await lsp.sendRequest("textDocument/definition", at(2, 15))).toBeNull();
  });

  it("renames a node through the file, interfaces included, and refuses a name no node can have", async () => {
    expect(await lsp.sendRequest("textDocument/prepareRename", at(2, 11))).toEqual({
      range: range(2, 11, 2, 12),
      placeholder: "R",
    });
    expect(await lsp.sendRequest("textDocument/rename", { ...at(2, 11), newName: "core" })).toEqual({
      changes: {
        [URI]: [
          { range: range(1, 7, 1, 8), newText: "core" },
          { range: range(2, 11, 2, 12), newText: "core" },
          { range: range(3, 5, 3, 6), newText: "core" },
          { range: range(5, 4, 5, 5), newText: "core" },
        ],
      },
    });
    for (const bad of ["9lives", "link", "host", "A"])
      await expect(lsp.sendRequest("textDocument/rename", { ...at(2, 11), newName: bad })).rejects.toThrow();
    expect(await lsp.sendRequest("textDocument/prepareRename", at(2, 15))).toBeNull();
  });

  it("outlines the nodes and links", async () => {
    const symbols = (await lsp.sendRequest("textDocument/documentSymbol", { textDocument: { uri: URI } })) as {
      name: string;
      detail: string;
      kind: number;
    }[];
    expect(symbols.map(({ name, detail, kind }) => ({ name, detail, kind }))).toEqual([
      { name: "A", detail: "ns", kind: 19 },
      { name: "B", detail: "ns", kind: 19 },
      { name: "R", detail: "router", kind: 5 },
      { name: "A <-> R", detail: "link 10.0.0.0/24", kind: 24 },
      { name: "R:eth1 <-> B", detail: "link 10.0.1.0/24", kind: 24 },
    ]);
  });

  it("checks loops and loaded files as netl check does", async () => {
    const uri = "file:///lab/more.netl";
    const text = 'for i in 255..256 {\n  ns h{i}\n}\nload "part.netl"\n';
    await lsp.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "netl", version: 1, text } });
    expect((await diagnosticsFor(1, uri)).diagnostics).toEqual([
      {
        range: range(3, 0, 3, 16),
        message: "part.netl:2:12: unknown node 'Q'\nhint: create it first: ns Q",
        code: "unknown-node",
        severity: 1,
        source: "netl",
      },
    ]);
  });

  it("points into a loop at the iteration that fails, with its values", async () => {
    const uri = "file:///lab/loop.netl";
    const text = "ns b\nfor i in 255..256 {\n  ns a{i}\n  link a{i} <-> b 10.{i}.0.0/24\n}\n";
    await lsp.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "netl", version: 1, text } });
    const [d] = (await diagnosticsFor(1, uri)).diagnostics;
    expect(d?.message).toBe(
      "bad address '10.256.0.0/24': each number in an IPv4 address is at most 255 (with i = 256)\nhint: write it like 10.0.0.0/24",
    );
    expect(d?.range.start.line).toBe(3);
  });

  it("shuts down and exits when asked", async () => {
    await lsp.sendRequest("shutdown");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await lsp.sendNotification("exit");
    expect(await exited).toBe(0);
  });
});
