// The feed a live lab writes for pages (runtime/live-feed.ts): a change costs the Session a counter
// and a timer, never a drawing nobody asked for; the file follows within its interval; another netl
// reads it (feed-watch.ts) and hears each change; a lab taken down leaves no file.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { World } from "../../src/interpreter/world.js";
import { currentFeed, watchFeed } from "../../src/runtime/feed-watch.js";
import { FEED_INTERVAL_MS, feedPath, LiveFeed, readFeed } from "../../src/runtime/live-feed.js";
import { worldOf } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "netl-feed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counted(lab: string) {
  const drawn: World[] = [];
  const feed = new LiveFeed(
    dir,
    lab,
    "p",
    (w) => {
      drawn.push(w);
      return { nodes: [...w.nodes.keys()] };
    },
    worldOf(""),
  );
  return { feed, drawn };
}

describe("the live feed", () => {
  it("draws nothing on a change until asked, and writes the file once per interval", async () => {
    const { feed, drawn } = counted("a");
    drawn.length = 0;
    const worlds = ["ns A", "ns A B", "ns A B C"].map(worldOf);
    for (const w of worlds) feed.changed(w);
    expect(drawn).toEqual([]);
    expect(existsSync(feedPath(dir, "a"))).toBe(false);
    await sleep(FEED_INTERVAL_MS + 50);
    // One drawing, of the last World, for the one write.
    expect(drawn).toEqual([worlds[2]]);
    expect(readFeed(dir, "a")).toMatchObject({
      lab: "a",
      prefix: "p",
      pid: process.pid,
      version: 3,
      picture: { nodes: ["A", "B", "C"] },
    });
    feed.close(false);
  });

  it("tells a page in this process at once, and a watcher in another within a second", async () => {
    const { feed } = counted("b");
    feed.flush();
    const heard: number[] = [];
    const stop = feed.subscribe((s) => heard.push(s.version));
    const seen: (number | undefined)[] = [];
    const unwatch = watchFeed(dir, "b", (s) => seen.push(s?.version));
    feed.changed(worldOf("ns A"));
    expect(heard).toEqual([1]);
    const t0 = Date.now();
    while (!seen.includes(1) && Date.now() - t0 < 1000) await sleep(10);
    expect(seen).toEqual([0, 1]);
    stop();
    // Taken down: the file goes, and the watcher says the lab is not up.
    feed.close(false);
    expect(existsSync(feedPath(dir, "b"))).toBe(false);
    while (seen.length < 3 && Date.now() - t0 < 2000) await sleep(10);
    expect(seen).toEqual([0, 1, undefined]);
    unwatch();
  });

  it("keeps the last picture for a lab left up; a feed whose netl is gone, with no record, is not up", () => {
    const { feed } = counted("c");
    feed.changed(worldOf("ns A"));
    feed.close(true);
    expect(readFeed(dir, "c")?.version).toBe(1);
    // This netl still runs: up. A file left by a process that is gone (and no record): not up.
    expect(currentFeed(dir, "c")?.version).toBe(1);
    // A pid no process has (above the kernel's pid_max of 2^22).
    writeFileSync(feedPath(dir, "d"), JSON.stringify({ netl: 1, lab: "d", pid: 2 ** 22 + 7, version: 1, picture: {} }));
    expect(readFeed(dir, "d")).toBeDefined();
    expect(currentFeed(dir, "d")).toBeUndefined();
  });
});
