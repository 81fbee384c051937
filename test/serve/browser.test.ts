// The live page in a real browser (Debian's chromium, driven by playwright-core) on a live lab: a
// REPL serving its page (--serve), and `netl serve LAB` following the same lab from another process
// through its feed file. The test changes the lab (link, set … down, undo) and checks, after each,
// what both pages show, within a second of the REPL's answer. UPDATE_SCREENSHOT=1 also keeps a
// picture of examples/three-routers.netl in docs/.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { NETL_BIN } from "../support/netl.js";

const run = kernelTestsEnabled("test/serve/browser.test.ts");
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const PREFIX = testPrefix("page");
const LAB = PREFIX;

/** A netl started by the test: its output as it comes, and lines written to it. */
class Netl {
  out = "";
  readonly child: ResultPromise;
  constructor(args: readonly string[]) {
    this.child = execa(NETL_BIN, [...args], { env: { NO_COLOR: "1", NETL_HISTORY: "" }, reject: false, stdin: "pipe" });
    this.child.stdout?.on("data", (d: Buffer) => {
      this.out += d.toString();
    });
    this.child.stderr?.on("data", (d: Buffer) => {
      this.out += d.toString();
    });
  }
  async said(pattern: RegExp, ms = 20_000): Promise<RegExpExecArray> {
    const t0 = Date.now();
    for (;;) {
      const m = pattern.exec(this.out);
      if (m) return m;
      if (Date.now() - t0 > ms) throw new Error(`netl did not say ${pattern}; it said:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  type(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }
}

describe.runIf(run)("the live page in headless Chromium", () => {
  let repl: Netl;
  let watcher: Netl;
  let context: BrowserContext;
  let profile: string;
  let own: Page;
  let other: Page;

  beforeAll(async () => {
    repl = new Netl(["--prefix", PREFIX, "--lab", LAB, "--serve"]);
    const [, url = ""] = await repl.said(/live page: (http:\/\/127\.0\.0\.1:\d+\/)/);
    watcher = new Netl(["serve", LAB]);
    const [, otherUrl = ""] = await watcher.said(/live page: (http:\/\/127\.0\.0\.1:\d+\/)/);
    profile = mkdtempSync(join(tmpdir(), "netl-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: FLAGS,
      viewport: { width: 1400, height: 800 },
    });
    own = await context.newPage();
    other = await context.newPage();
    await own.goto(url);
    await other.goto(otherUrl);
  });

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    repl?.child.stdin?.end();
    await repl?.child;
    if (watcher?.child.pid) process.kill(watcher.child.pid, "SIGINT");
    await watcher?.child;
  });

  /** Both pages show what `check` finds, within a second of the REPL's answer. */
  async function bothWithinASecond(check: () => boolean): Promise<void> {
    const t0 = Date.now();
    // Polled, not on animation frames: one of the two tabs is in the background.
    await Promise.all([own, other].map((p) => p.waitForFunction(check, undefined, { timeout: 5000, polling: 20 })));
    expect(Date.now() - t0).toBeLessThan(1000);
  }

  it("shows the nodes as they are made", async () => {
    repl.type("ns A B");
    await repl.said(/\+ ns B/);
    await bothWithinASecond(
      () => document.getElementById("node-A") !== null && document.getElementById("node-B") !== null,
    );
    expect(await own.getAttribute("#node-A", "class")).toBe("node kind-ns");
    expect(await own.textContent("#status")).toBe("live");
  });

  it("shows a new link with each end's address next to that end, and no label over a box", async () => {
    repl.type("link A <-> B 10.0.0.0/24");
    await repl.said(/\+ link A:eth0 10\.0\.0\.1\/24 <-> B:eth0 10\.0\.0\.2\/24/);
    await bothWithinASecond(() => document.getElementById("link-1") !== null);
    for (const page of [own, other]) {
      expect(await page.textContent("#end-1-a")).toContain("10.0.0.1/24");
      expect(await page.textContent("#end-1-b")).toContain("10.0.0.2/24");
      const layout = await page.evaluate(() => {
        const box = (id: string) => (document.getElementById(id) as unknown as SVGGraphicsElement).getBBox();
        const centre = (b: DOMRect) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
        const dist = (a: DOMRect, b: DOMRect) => Math.hypot(centre(a).x - centre(b).x, centre(a).y - centre(b).y);
        const [a, b, endA, endB] = ["node-A", "node-B", "end-1-a", "end-1-b"].map(box) as DOMRect[];
        // Every text that is not a box's own, against every box's shape.
        const shapes = [...document.querySelectorAll("g.node")].flatMap((g) =>
          [...g.querySelectorAll("polygon, ellipse, path")].map((s) => ({ g, b: (s as SVGGraphicsElement).getBBox() })),
        );
        const over = [...document.querySelectorAll("#graph text")].flatMap((t) => {
          const tb = (t as SVGGraphicsElement).getBBox();
          return shapes
            .filter(
              ({ g, b }) =>
                !g.contains(t) &&
                tb.x < b.x + b.width &&
                b.x < tb.x + tb.width &&
                tb.y < b.y + b.height &&
                b.y < tb.y + tb.height,
            )
            .map(({ g }) => `${t.textContent} over ${g.id}`);
        });
        return {
          aNearA: dist(endA as DOMRect, a as DOMRect) < dist(endA as DOMRect, b as DOMRect),
          bNearB: dist(endB as DOMRect, b as DOMRect) < dist(endB as DOMRect, a as DOMRect),
          over,
        };
      });
      expect(layout).toEqual({ aNearA: true, bNearB: true, over: [] });
    }
  });

  it("shows a node as the kernel sees it on a click", async () => {
    await own.bringToFront();
    await own.click("#node-A");
    await own.waitForSelector("#details table");
    const text = await own.textContent("#details");
    expect(text).toContain(`namespace ${PREFIX}-A, as the kernel sees it`);
    expect(text).toContain("10.0.0.1/24");
    expect(text).toContain("10.0.0.0/24"); // the route the kernel made for the link
    await other.bringToFront();
    await other.click("#end-1-b"); // the line itself is a hair wide: its end labels open it too
    await other.waitForFunction(() => document.querySelectorAll("#details h3").length === 2);
    expect(await other.textContent("#details")).toContain("B:eth0");
  });

  it("draws the link as down after set … down, and as up again after undo", async () => {
    repl.type("set A <-> B down");
    await repl.said(/~ .*down|A:eth0.*down/);
    await bothWithinASecond(() => document.getElementById("link-1")?.classList.contains("down") === true);
    expect(await own.textContent("#link-1 text")).toBe("down");
    expect(await other.getAttribute("#end-1-a", "class")).toContain("down");
    repl.type("undo");
    await repl.said(/undo set A <-> B down/);
    await bothWithinASecond(() => document.getElementById("link-1")?.classList.contains("down") === false);
    expect(await own.$("#link-1 text")).toBeNull();
  });

  it("takes the link away on undo, and says the lab is gone when its netl ends", async () => {
    const before = Number(await other.getAttribute("body", "data-version"));
    repl.type("undo");
    await repl.said(/undo link A <-> B 10\.0\.0\.0\/24/);
    await bothWithinASecond(
      () => document.getElementById("link-1") === null && document.getElementById("node-A") !== null,
    );
    expect(Number(await other.getAttribute("body", "data-version"))).toBeGreaterThan(before);
    repl.child.stdin?.end();
    await repl.said(/removed lab/);
    await other.waitForFunction(() => document.body.dataset.up === "false", undefined, { timeout: 3000, polling: 50 });
    expect(await other.textContent("#graph")).toContain(`lab '${LAB}' is not up`);
  });

  it("draws examples/three-routers.netl with no label over a box (UPDATE_SCREENSHOT=1 keeps it in docs/)", async () => {
    // The picture kept in docs/ names the example's own lab; its namespaces still carry the test's prefix.
    const lab = process.env.UPDATE_SCREENSHOT ? "three-routers" : `${PREFIX}-3r`;
    const ran = new Netl([
      "run",
      "--prefix",
      `${PREFIX}-3r`,
      "--lab",
      lab,
      "--down",
      "--serve",
      "examples/three-routers.netl",
    ]);
    const [, url = ""] = await ran.said(/live page: (http:\/\/127\.0\.0\.1:\d+\/)/);
    await ran.said(/serving the live page/, 60_000);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("#node-r3");
    await page.click("#node-r2");
    await page.waitForSelector("#details table");
    const over = await page.evaluate(() => {
      const shapes = [...document.querySelectorAll("g.node")].flatMap((g) =>
        [...g.querySelectorAll("polygon, ellipse, path")].map((s) => ({ g, b: (s as SVGGraphicsElement).getBBox() })),
      );
      return [...document.querySelectorAll("#graph text")].flatMap((t) => {
        const tb = (t as SVGGraphicsElement).getBBox();
        return shapes
          .filter(
            ({ g, b }) =>
              !g.contains(t) &&
              tb.x < b.x + b.width &&
              b.x < tb.x + tb.width &&
              tb.y < b.y + b.height &&
              b.y < tb.y + tb.height,
          )
          .map(({ g }) => `${t.textContent} over ${g.id}`);
      });
    });
    expect(over).toEqual([]);
    if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: "docs/live-page.png" });
    await page.close();
    if (ran.child.pid) process.kill(ran.child.pid, "SIGINT");
    await ran.said(/removed lab/);
    await ran.child;
  });
});
