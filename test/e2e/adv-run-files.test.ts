// Found from the outside (wave 3, the adversary): the files of a lab beside its record — its World, its
// live feed, the batches in flight — were read with readFileSync and written with writeFileSync, so
// whatever was planted at one of their names was followed: a FIFO stalled `netl ls`, `show` and `down`
// for good, a link to /dev/zero had `netl serve` read until it held a gigabyte, and a link at
// LAB.batches was written through. Each is now read only as a bounded regular file and written by a
// new file renamed into place. The live page took a loopback address spelled another way
// (0x7f000001, 0177.0.0.1, ::ffff:127.0.0.1) for a public one and answered any Host name there.

import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BatchPids, batchesPath } from "../../src/runtime/batch-pids.js";
import { listen } from "../../src/runtime/http-host.js";
import { feedPath, LiveFeed, readFeed } from "../../src/runtime/live-feed.js";
import { readRunFile, replaceFile } from "../../src/runtime/run-file.js";
import { readWorld } from "../../src/runtime/world-file.js";
import { worldOf } from "../serve/support.js";

const dir = mkdtempSync(join(tmpdir(), "netl-adv-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = (path: string) => execFileSync("mkfifo", [path]);

describe("a lab's files beside its record", () => {
  it("are never read from a FIFO, a device or through a link, and never without bound", () => {
    fifo(join(dir, "f.live"));
    fifo(join(dir, "f.world"));
    symlinkSync("/dev/zero", join(dir, "z.live"));
    symlinkSync("/dev/zero", join(dir, "z.world"));
    // Each of these read blocked for good (the FIFO) or until memory ran out (/dev/zero) before.
    expect(readFeed(dir, "f")).toBeUndefined();
    expect(readFeed(dir, "z")).toBeUndefined();
    expect(readWorld(dir, "f")).toBe("unreadable");
    expect(readWorld(dir, "z")).toBe("unreadable");
    expect(readWorld(dir, "none")).toBe("missing");
    // A regular file is read, up to its bound and no further.
    writeFileSync(join(dir, "r.txt"), "12345");
    expect(readRunFile(join(dir, "r.txt"), 5)).toBe("12345");
    expect(readRunFile(join(dir, "r.txt"), 4)).toBeUndefined();
    symlinkSync(join(dir, "r.txt"), join(dir, "link.txt"));
    expect(readRunFile(join(dir, "link.txt"), 100)).toBeUndefined();
  });

  it("are written by a new file renamed into place, never through a link", () => {
    const target = join(dir, "target");
    writeFileSync(target, "keep\n");
    const feed = feedPath(dir, "w");
    symlinkSync(target, feed);
    symlinkSync(target, `${feed}.${process.pid}.tmp`);
    const live = new LiveFeed(dir, "w", undefined, () => ({}), worldOf(""));
    live.flush();
    expect(readFileSync(target, "utf8")).toBe("keep\n");
    expect(lstatSync(feed).isFile()).toBe(true);
    expect(readFeed(dir, "w")?.pid).toBe(process.pid);
    expect(existsSync(`${feed}.${process.pid}.tmp`)).toBe(false);
    live.close(false);
    symlinkSync(target, join(dir, "w.world"));
    replaceFile(join(dir, "w.world"), "{}\n");
    expect(readFileSync(target, "utf8")).toBe("keep\n");
    // The batches in flight, which `netl down` waits for.
    const batches = batchesPath(dir, "w");
    symlinkSync(target, batches);
    const pids = new BatchPids(batches);
    pids.started(process.pid);
    expect(readFileSync(target, "utf8")).toBe("keep\n");
    expect(readFileSync(batches, "utf8")).toMatch(new RegExp(`^${process.pid} `));
    pids.ended(process.pid);
    expect(existsSync(batches)).toBe(false);
  });
});

function status(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the live page's server", () => {
  const routes = {
    get: async () => ({ status: 200, type: "text/plain", body: "lab\n" }),
    stream: () => undefined,
  };

  it("on a loopback address however spelled, answers only requests addressed to the loopback", async () => {
    for (const host of ["127.0.0.1", "0x7f000001", "0177.0.0.1", "2130706433", "::ffff:127.0.0.1"]) {
      const served = await listen({ host, port: 0 }, routes);
      if (!served.ok) throw new Error(served.error.message);
      try {
        const { port } = served.value;
        const direct = `http://127.0.0.1:${port}/`;
        expect(await status(direct, "evil.example"), host).toBe(421);
        expect(await status(direct, `evil.example:${port}`), host).toBe(421);
        // The address it prints is one the check takes.
        const printed = new URL(served.value.url);
        expect(await status(direct, printed.host), host).toBe(200);
        expect(await status(direct, `localhost:${port}`), host).toBe(200);
      } finally {
        await served.value.close();
      }
    }
  });

  it("on every address (0.0.0.0), answers any Host: the user was told anyone may see it", async () => {
    const served = await listen({ host: "0.0.0.0", port: 0 }, routes);
    if (!served.ok) throw new Error(served.error.message);
    try {
      expect(await status(`http://127.0.0.1:${served.value.port}/`, "lab.example")).toBe(200);
    } finally {
      await served.value.close();
    }
  });
});
