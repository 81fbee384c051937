// `netl lsp`: a Language Server over standard input and output (vscode-languageserver), for any
// editor that speaks LSP. Diagnostics as the user types, from the checker `netl check` runs; the rest
// in features.ts. `load` reads files as `netl check` does, from the server's working folder.

import {
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { loadFile } from "../runtime/files.js";
import { type Analysis, analyze } from "./analysis.js";
import { completion, definition, hover, rename, renameable, symbols } from "./features.js";

const VERSION = "0.1.0";

/** Serve until the client says exit; the connection ends the process then. */
export function lspCommand(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, { version: number; analysis: Analysis }>();

  const analysisOf = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    if (doc === undefined) return undefined;
    const known = cache.get(uri);
    if (known?.version === doc.version) return known.analysis;
    const analysis = analyze(doc.getText(), loadFile);
    cache.set(uri, { version: doc.version, analysis });
    return analysis;
  };

  connection.onInitialize(() => ({
    serverInfo: { name: "netl", version: VERSION },
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [":", " "] },
      hoverProvider: true,
      definitionProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
    },
  }));

  documents.onDidChangeContent(({ document }) => {
    const analysis = analysisOf(document.uri);
    const diagnostics: Diagnostic[] = (analysis?.problems ?? []).map((p) => ({
      range: p.range,
      message: p.message,
      code: p.code,
      severity: DiagnosticSeverity.Error,
      source: "netl",
    }));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  });
  documents.onDidClose(({ document }) => {
    cache.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    return a ? completion(a, position, loadFile) : [];
  });
  connection.onHover(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    return a ? hover(a, position) : null;
  });
  connection.onDefinition(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    const range = a && definition(a, position);
    return range ? { uri: textDocument.uri, range } : null;
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const a = analysisOf(textDocument.uri);
    const node = a && renameable(a, position);
    return node ? { range: node.range, placeholder: node.name } : null;
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const a = analysisOf(textDocument.uri);
    if (a === undefined) return null;
    const edits = rename(a, position, newName);
    if (typeof edits === "string") throw new ResponseError(ErrorCodes.InvalidRequest, edits);
    return { changes: { [textDocument.uri]: edits } };
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const a = analysisOf(textDocument.uri);
    return a ? symbols(a) : [];
  });

  documents.listen(connection);
  connection.listen();
  return new Promise<number>(() => {
    // Never settles: the connection ends the process on `exit` (0 after `shutdown`, else 1).
  });
}
