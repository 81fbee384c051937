// node:repl's side of the contract: what the custom eval is handed for multi-line input, that an
// entry's result is not printed as a JS value, and that no prompt appears without a terminal.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { isIncomplete } from "../../grammar/index.js";
import { createServer } from "../../src/repl/server.js";

function server(terminal: boolean) {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (d: Buffer) => {
    screen += d.toString();
  });
  const texts: string[] = [];
  const s = createServer({
    input,
    output,
    terminal,
    prompt: "netl:t> ",
    evaluate: (text) => {
      texts.push(text);
      return isIncomplete(text) ? "incomplete" : Promise.resolve();
    },
    complete: () => [[], ""],
    onInterrupt: () => {},
  });
  const closed = new Promise<void>((resolve) => s.repl.once("exit", () => resolve()));
  return { input, texts, screen: () => screen, closed };
}

describe("the node:repl server", () => {
  it("hands an open entry back with each further line until it is complete", async () => {
    const s = server(false);
    s.input.end('save "a\nb"\nns X\n');
    await s.closed;
    expect(s.texts).toEqual(['save "a\n', 'save "a\nb"\n', "ns X\n"]);
  });

  it("prints no prompt, no continuation and no `undefined` without a terminal", async () => {
    const s = server(false);
    s.input.end('ns A\nsave "a\nb"\n\n');
    await s.closed;
    expect(s.screen()).toBe("");
  });

  it("a line starting with '.' other than .exit is not JavaScript's business", async () => {
    const s = server(false);
    s.input.end(".editor\n");
    await s.closed;
    expect(s.screen()).toBe("Invalid REPL keyword\n");
  });
});
