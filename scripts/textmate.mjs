// Write the TextMate grammar for .netl from the lexer's tokens (grammar/textmate.ts): npm run textmate.
// The grammar module is TypeScript, so it is bundled to a temporary file first, as the build does.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const dir = mkdtempSync(join(tmpdir(), "netl-textmate-"));
try {
  const outfile = join(dir, "textmate.mjs");
  await build({
    entryPoints: ["grammar/textmate.ts"],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "warning",
  });
  const { textmateGrammar, TEXTMATE_FILES } = await import(pathToFileURL(outfile).href);
  const text = `${JSON.stringify(textmateGrammar(), null, 2)}\n`;
  for (const file of TEXTMATE_FILES) {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
  // In the repository's JSON style, so that npm run lint passes on what was just written.
  execFileSync("node_modules/.bin/biome", ["format", "--write", ...TEXTMATE_FILES], { stdio: "ignore" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
