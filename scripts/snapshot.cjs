// Makes netl's start-up snapshot for one node binary: copied by scripts/build.mjs to dist/snapshot.js,
// started in the background by the bin (dist/netl) when there is no snapshot yet for the node it found
// (docs/ARCHITECTURE.md, "Start-up"):
//   node dist/snapshot.js BLOB NODE TOP
// BLOB is where the bin looks for it (in the user's cache), NODE the node it found on PATH, TOP the
// folder of the user's own that the cache is in (their HOME, XDG_CACHE_HOME or root's /var/cache): every
// folder from TOP down to BLOB is made by this user, 0700, and none may be another's or a link. It leaves:
//   BLOB       the snapshot, made by NODE itself from dist/netl.js, checked to start, renamed into place
//              whole, and newer than NODE's file (the bin takes a node changed since for another)
//   BLOB.node  a link to NODE's file: the bin takes the blob only for that very binary (-ef)
//   BLOB.skip  instead, when it cannot be made for NODE (why, in a line): the bin asks no more until
//              NODE changes
// It first starts itself again in a session of its own and returns at once, so the user's command
// neither waits for it nor ends it with a Ctrl-C. One at a time per BLOB (BLOB.lock holds the pid).
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const { dirname, isAbsolute, join } = require("node:path");

const [blob = "", nodeSeen = "", top = "", mode] = process.argv.slice(2);
const bundle = join(__dirname, "netl.js");
/** A snapshot made this long ago is no longer being started from by a netl that just found it. */
const PRUNE_AGE_MS = 24 * 60 * 60 * 1000;
const example = join(__dirname, "..", "examples", "two-hosts.netl");

if (mode !== "--now") {
  if (isAbsolute(blob) && isAbsolute(nodeSeen) && isAbsolute(top) && !held())
    spawn(process.execPath, [__filename, blob, nodeSeen, top, "--now"], { detached: true, stdio: "ignore" }).unref();
} else {
  try {
    if (ownFolders() && lock()) {
      try {
        make();
      } finally {
        fs.rmSync(`${blob}.lock`, { force: true });
      }
    }
  } catch {
    // A cache that cannot be written: the bin runs netl without a snapshot, as it does until one exists.
  }
}

/**
 * Makes the folders from TOP down to BLOB's (0700) and checks each is this user's own and no link, as
 * the bin does before it starts node from BLOB: false when one is not (nothing is written then).
 */
function ownFolders() {
  const uid = process.geteuid();
  if (!blob.startsWith(`${top}/`) || fs.statSync(top).uid !== uid) return false;
  let at = top;
  for (const part of dirname(blob)
    .slice(top.length + 1)
    .split("/")) {
    at = join(at, part);
    try {
      fs.mkdirSync(at, { mode: 0o700 });
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const st = fs.lstatSync(at);
    if (st.isSymbolicLink() || !st.isDirectory() || st.uid !== uid) return false;
  }
  return true;
}

/** Whether a live maker holds BLOB.lock. */
function held() {
  try {
    const holder = Number(fs.readFileSync(`${blob}.lock`, "utf8"));
    return holder > 0 && alive(holder);
  } catch {
    return false;
  }
}

/** Take BLOB.lock; false when a live maker holds it. */
function lock() {
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(`${blob}.lock`, String(process.pid), { flag: "wx" });
      return true;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      if (held()) return false;
      fs.rmSync(`${blob}.lock`, { force: true });
    }
  }
  return false;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Make `file` by `write(tmp)` and rename it into place: another process reads the old or the new one. */
function put(file, write) {
  const tmp = `${file}.${process.pid}`;
  fs.rmSync(tmp, { force: true });
  write(tmp);
  fs.renameSync(tmp, file);
}

/** Say why no blob can be made for this node: the bin asks no more until the node changes. */
function skip(why) {
  put(`${blob}.skip`, (tmp) => fs.writeFileSync(tmp, `${why}\n`));
}

function make() {
  const node = fs.realpathSync(nodeSeen);
  const running = fs.realpathSync(process.execPath);
  // A version manager's shim on PATH picks a node per directory: no one blob fits what it starts.
  if (node !== running) return skip(`${nodeSeen} is not node itself but starts ${running}`);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const tmp = `${blob}.${process.pid}.tmp`;
  const warm = fs.existsSync(example) ? [example] : [];
  const made = spawnSync(node, ["--snapshot-blob", tmp, "--build-snapshot", bundle, ...warm], {
    env,
    stdio: "ignore",
    timeout: 120_000,
  });
  // It must start, and say what netl says without it.
  const said = (argv) => spawnSync(node, [...argv, bundle, "--version"], { env, encoding: "utf8", timeout: 30_000 });
  const plain = said([]);
  const fromBlob = made.status === 0 ? said(["--snapshot-blob", tmp]) : undefined;
  if (fromBlob === undefined || fromBlob.status !== 0 || fromBlob.stdout !== plain.stdout || plain.status !== 0) {
    fs.rmSync(tmp, { force: true });
    return skip(`node ${process.version} did not make a snapshot that starts (status ${made.status})`);
  }
  put(`${blob}.node`, (t) => fs.symlinkSync(node, t));
  // Newer than node's file, even one dated in the future: the bin compares the two.
  const nodeTime = fs.statSync(node).mtimeMs;
  if (fs.statSync(tmp).mtimeMs <= nodeTime) fs.utimesSync(tmp, new Date(), new Date(nodeTime + 1000));
  fs.renameSync(tmp, blob);
  fs.rmSync(`${blob}.skip`, { force: true });
  prune();
}

/**
 * Snapshots of bundles other than the newest few (an update, a rebuild) go, each a few MB; only once a
 * day old, so that a netl of another bundle that has just found its snapshot still opens it (several
 * builds side by side, as in CI, make several at once).
 */
function prune(keep = 3) {
  const mine = blob.slice(0, blob.length - nodeSeen.length - ".blob".length);
  const cache = dirname(mine);
  const uid = process.geteuid();
  const others = fs
    .readdirSync(cache)
    .filter((name) => /^[0-9a-f]{16}$/.test(name))
    .map((name) => ({ path: join(cache, name), st: fs.lstatSync(join(cache, name)) }))
    .filter(({ st }) => st.isDirectory() && st.uid === uid)
    .sort((a, b) => b.st.mtimeMs - a.st.mtimeMs);
  const old = Date.now() - PRUNE_AGE_MS;
  for (const { path, st } of others.slice(keep))
    if (path !== mine && st.mtimeMs < old) fs.rmSync(path, { recursive: true, force: true });
}
