// The tutorial's progress under sudo is the invoking user's: kept in their own home, the file and its
// folder theirs, never through a link they planted; SUDO_UID and SUDO_USER believed only from root
// and only when they name one user the password database knows. A plain user is made here (useradd)
// and deleted after.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressKeeper, progressPlace } from "../../src/cli/tutorial.js";
import { passwdEntry, sudoInvoker } from "../../src/runtime/sudo-user.js";
import { kernelTestsEnabled, testPrefix } from "../support/kernel.js";
import { createPlainUser, type PlainUser } from "../support/plain-user.js";

const prefix = testPrefix("tps");
let user: PlainUser;
const said: string[] = [];
const io = { out: () => {}, err: (t: string) => said.push(t), c: pc.createColors(false) };
const sudoEnv = (u: PlainUser) => ({ SUDO_UID: String(u.uid), SUDO_USER: u.name, HOME: "/root" });
const progress = (dir: string) => join(dir, ".netl", "tutorial.json");

describe.runIf(kernelTestsEnabled("progress-sudo.test.ts"))("the tutorial's progress under sudo", () => {
  beforeAll(() => {
    user = createPlainUser(prefix);
  });
  afterAll(() => user.remove());

  it("is kept in the invoking user's own home, the file and its folder theirs", () => {
    const place = progressPlace(sudoEnv(user), 0);
    expect(place.file).toBe(progress(user.home));
    said.length = 0;
    const mark = progressKeeper(place.file, io, "en", place.write);
    mark(3);
    mark(5);
    expect(said).toEqual([]);
    expect(JSON.parse(readFileSync(progress(user.home), "utf8"))).toEqual({ done: [3, 5] });
    for (const path of [join(user.home, ".netl"), progress(user.home)]) {
      const s = statSync(path);
      expect([s.uid, s.gid], path).toEqual([user.uid, user.gid]);
    }
    // What the user reads back as themselves: their own file.
    expect(user.as(["cat", progress(user.home)])).toContain("[3,5]");
    rmSync(join(user.home, ".netl"), { recursive: true, force: true });
  });

  it("is root's own when SUDO_UID names no user, netl is not root, or SUDO_USER names another", () => {
    const root = progressPlace({ HOME: "/root" }, 0).file;
    const wrong = [
      { env: { SUDO_UID: "4000000000", SUDO_USER: "nobody-here", HOME: "/root" }, uid: 0 },
      { env: { SUDO_UID: "9999999", HOME: "/root" }, uid: 0 },
      { env: { SUDO_UID: `${user.uid} `, HOME: "/root" }, uid: 0 },
      { env: { SUDO_UID: "0x10", HOME: "/root" }, uid: 0 },
      { env: { SUDO_UID: String(user.uid), SUDO_USER: "root", HOME: "/root" }, uid: 0 },
      { env: { SUDO_UID: "0", SUDO_USER: "root", HOME: "/root" }, uid: 0 },
    ];
    for (const { env, uid } of wrong) {
      expect(sudoInvoker(env, uid), JSON.stringify(env)).toBeUndefined();
      expect(progressPlace(env, uid).file, JSON.stringify(env)).toBe(root);
    }
    // Not root: SUDO_UID is anyone's to set; the user's own place, as without it.
    expect(sudoInvoker(sudoEnv(user), user.uid)).toBeUndefined();
    expect(progressPlace({ ...sudoEnv(user), HOME: user.home }, user.uid).write).toBeUndefined();
    // And the right one passes: the entry getent gives.
    expect(sudoInvoker(sudoEnv(user), 0)).toEqual(passwdEntry(user.uid));
    expect(sudoInvoker({ SUDO_UID: String(user.uid) }, 0)?.name).toBe(user.name);
  });

  it("is not written through a link the user planted, and says so once", () => {
    const target = mkdtempSync(join(tmpdir(), "netl-target-"));
    const place = progressPlace(sudoEnv(user), 0);
    try {
      // ~/.netl a link to a folder of root's: refused, nothing made there.
      user.as(["ln", "-sfn", target, join(user.home, ".netl")]);
      said.length = 0;
      const mark = progressKeeper(place.file, io, "en", place.write);
      mark(1);
      mark(2);
      expect(existsSync(join(target, "tutorial.json"))).toBe(false);
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^progress is not kept: /);
      rmSync(join(user.home, ".netl"));
      // ~/.netl/tutorial.json a link to a file of root's: the file is untouched, the link not followed.
      user.as(["mkdir", join(user.home, ".netl")]);
      const victim = join(target, "victim");
      user.as(["ln", "-sfn", victim, progress(user.home)]);
      said.length = 0;
      progressKeeper(place.file, io, "en", place.write)(1);
      expect(existsSync(victim)).toBe(false);
      expect(lstatSync(progress(user.home)).isSymbolicLink()).toBe(true);
      expect(said).toHaveLength(1);
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(join(user.home, ".netl"), { recursive: true, force: true });
    }
  });
});
