// ProcessExecutor: netl's own programs (spawned directly) and the user's commands (through execa) both
// say plainly when a program cannot start — an argument list longer than Linux takes (E2BIG), a
// program not found — as a StartFailure, never node's bare `spawn E2BIG`; the user's commands stream
// their output, return when they exit, and an abort ends their whole process group.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ProcessExecutor } from "../../src/runtime/executor.js";
import { MAX_ARGUMENT_BYTES, StartFailure } from "../../src/runtime/start-failure.js";

const dir = mkdtempSync(join(tmpdir(), "nlt-executor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const executor = new ProcessExecutor();
const PATH = process.env.PATH ?? "/usr/bin:/bin";
/** One argument of `bytes` bytes with its closing NUL, as Linux counts it. */
const arg = (bytes: number) => "x".repeat(bytes - 1);
const TOO_LONG =
  "cannot start echo: the argument list is too long (one argument is 200,001 bytes, and Linux takes at most 131,072 in one)";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("a program that cannot start", () => {
  test("an argument longer than Linux takes: a StartFailure that says so, in every way of running", async () => {
    const argv = ["echo", arg(200_001)];
    await expect(executor.run(argv)).rejects.toThrow(new StartFailure(argv, "E2BIG"));
    await expect(executor.run(argv)).rejects.toThrow(TOO_LONG);
    await expect(executor.run(argv, { mergeOutput: true })).rejects.toThrow(TOO_LONG);
    await expect(executor.background(argv, join(dir, "e2big.log"))).rejects.toThrow(TOO_LONG);
    expect(() => executor.runBlocking(argv)).toThrow(TOO_LONG);
  });

  test("Linux's limit itself is not refused", async () => {
    const r = await executor.run(["sh", "-c", 'printf %s "$1" | wc -c', "sh", arg(MAX_ARGUMENT_BYTES)]);
    expect(r).toEqual({ exitCode: 0, stdout: `${MAX_ARGUMENT_BYTES - 1}\n`, stderr: "" });
  });

  test("many arguments, none too long, over Linux's total: said as such", async () => {
    const argv = ["echo", ...Array.from({ length: 40 }, () => arg(100_000))];
    await expect(executor.run(argv)).rejects.toThrow(
      /^cannot start echo: the argument list is too long \(its arguments come to 4,000,005 bytes/,
    );
  });

  test("a program not on PATH", async () => {
    const argv = ["netl-no-such-program"];
    const said = "cannot start netl-no-such-program: not found (is it installed, and on PATH?)";
    await expect(executor.run(argv)).rejects.toThrow(said);
    await expect(executor.run(argv, { mergeOutput: true })).rejects.toThrow(said);
    await expect(executor.background(argv, join(dir, "enoent.log"))).rejects.toThrow(said);
    expect(() => executor.runBlocking(argv)).toThrow(said);
  });

  test("a program that starts and fails is no StartFailure: its status and words", async () => {
    expect(await executor.run(["sh", "-c", "echo no >&2; exit 3"])).toEqual({
      exitCode: 3,
      stdout: "",
      stderr: "no\n",
    });
    expect(await executor.run(["sh", "-c", "echo no >&2; exit 3"], { mergeOutput: true })).toEqual({
      exitCode: 3,
      stdout: "no\n",
      stderr: "",
    });
  });
});

describe("a user's command (mergeOutput)", () => {
  test("output interleaved in the order printed, handed on as it comes", async () => {
    const pieces: string[] = [];
    const r = await executor.run(["sh", "-c", "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three"], {
      mergeOutput: true,
      onOutput: (text) => pieces.push(text),
    });
    expect(r).toEqual({ exitCode: 0, stdout: "one\ntwo\nthree\n", stderr: "" });
    // Each line came on its own, while the program ran.
    expect(pieces).toEqual(["one\n", "two\n", "three\n"]);
  });

  test("its standard input is the input given", async () => {
    expect(await executor.run(["cat"], { mergeOutput: true, input: "in\n" })).toMatchObject({ stdout: "in\n" });
  });

  test("returns when it exits, not when what it left in the background does", async () => {
    const started = Date.now();
    let pid = 0;
    const r = await executor.run(["sh", "-c", "echo now; sleep 5 & echo $! >&2"], {
      mergeOutput: true,
      onPid: (p) => {
        pid = p;
      },
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.stdout.split("\n")[0]).toBe("now");
    const sleeper = Number(r.stdout.split("\n")[1]);
    expect(alive(sleeper)).toBe(true);
    process.kill(-pid, "SIGKILL");
  });

  test("an abort ends its whole process group, what it forked too", async () => {
    const abort = new AbortController();
    let pid = 0;
    const running = executor.run(["sh", "-c", "sleep 30 & sleep 30"], {
      mergeOutput: true,
      signal: abort.signal,
      onPid: (p) => {
        pid = p;
      },
    });
    await expect.poll(() => pid).toBeGreaterThan(0);
    abort.abort();
    const r = await running;
    expect(r.exitCode).toBe(130);
    await expect.poll(() => existsSync(`/proc/${pid}`) || alive(-pid), { timeout: 3000 }).toBe(false);
  });
});

test("background: the program writes its log itself and outlives the call", async () => {
  const log = join(dir, "bg.log");
  const pid = await executor.background(["sh", "-c", "echo early; sleep 0.3; echo late"], log);
  expect(pid).toBeGreaterThan(0);
  await expect.poll(() => (existsSync(log) ? readFileSync(log, "utf8") : ""), { timeout: 3000 }).toBe("early\nlate\n");
});

describe("on netl's terminal (interactive)", () => {
  test("its exit status, or 128 + the signal that ended it", async () => {
    expect(await executor.interactive(["sh", "-c", "exit 3"])).toBe(3);
    expect(await executor.interactive(["sh", "-c", "kill -TERM $$"])).toBe(143);
  });

  test("the environment given, and only it", async () => {
    expect(await executor.interactive(["sh", "-c", '[ "$A" = 1 ] && [ -z "$HOME" ]'], { env: { A: "1", PATH } })).toBe(
      0,
    );
  });

  test("an abort ends it", async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    expect(await executor.interactive(["sleep", "30"], { signal: abort.signal })).toBe(143);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("one that cannot start: a StartFailure", async () => {
    await expect(executor.interactive(["echo", arg(200_001)])).rejects.toThrow(TOO_LONG);
  });
});
