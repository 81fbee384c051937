// netl in VS Code: the language client that starts `netl lsp` (diagnostics, completion, hover,
// definition, rename, outline), and commands to run or test the file in a terminal and to open the
// live page of its lab (`netl serve LAB`, whose address it reads off netl's first line).
import { type ChildProcess, spawn } from "node:child_process";
import { basename, dirname } from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

const setting = <T>(name: string, fallback: T): T => vscode.workspace.getConfiguration("netl").get<T>(name) ?? fallback;

/** The lab netl names after a file (src/driver/source.ts, labNameFor). */
export function labNameFor(path: string): string {
  const base = basename(path)
    .replace(/\.netl$/, "")
    .replace(/[^A-Za-z0-9_.-]/g, "_");
  return base === "" || base.startsWith(".") ? "lab" : base;
}

/** A word for a POSIX shell, quoted when it needs to be. */
const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

function currentFile(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId !== "netl" || doc.uri.scheme !== "file") {
    void vscode.window.showWarningMessage("netl: open a saved .netl file first");
    return undefined;
  }
  return doc.uri;
}

async function inTerminal(command: "run" | "test"): Promise<void> {
  const file = currentFile();
  if (!file) return;
  await vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString())?.save();
  const terminal = vscode.window.createTerminal({ name: `netl ${command}`, cwd: dirname(file.fsPath) });
  const prefix = setting("runPrefix", "").trim();
  terminal.show();
  terminal.sendText([...(prefix ? [prefix] : []), setting("path", "netl"), command, quote(file.fsPath)].join(" "));
}

/** The pages this window started, by lab: each `netl serve` runs until the window closes. */
const pages = new Map<string, { child: ChildProcess; url: Promise<string> }>();

function servePage(lab: string, cwd: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(setting("path", "netl"), ["serve", lab], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let said = "";
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      said += chunk.toString();
      const m = /live page: (\S+)/.exec(said);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("error", reject);
    child.on("exit", (code) => {
      pages.delete(lab);
      reject(new Error(`netl serve ${lab} ended (${code}): ${said.trim()}`));
    });
  });
  return { child, url };
}

async function openPage(): Promise<void> {
  const file = currentFile();
  if (!file) return;
  const lab = labNameFor(file.fsPath);
  const page = pages.get(lab) ?? servePage(lab, dirname(file.fsPath));
  pages.set(lab, page);
  try {
    await vscode.env.openExternal(vscode.Uri.parse(await page.url));
  } catch (e) {
    void vscode.window.showErrorMessage(`netl: ${e instanceof Error ? e.message : String(e)}`);
  }
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("netl.run", () => inTerminal("run")),
    vscode.commands.registerCommand("netl.test", () => inTerminal("test")),
    vscode.commands.registerCommand("netl.openPage", openPage),
  );
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const server: ServerOptions = { command: setting("path", "netl"), args: ["lsp"], options: cwd ? { cwd } : {} };
  const options: LanguageClientOptions = { documentSelector: [{ scheme: "file", language: "netl" }] };
  client = new LanguageClient("netl", "netl", server, options);
  await client.start();
}

export async function deactivate(): Promise<void> {
  for (const { child } of pages.values()) child.kill("SIGINT");
  pages.clear();
  await client?.stop();
}
