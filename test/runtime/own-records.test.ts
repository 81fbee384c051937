// The pieces of owning by identity that need no root: lab names, the record's schema, the journal of
// namespaces made, and the lab lock. Each check with the wrong inputs that must not pass it.
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { labNameFor } from "../../src/driver/source.js";
import { nsChange, sameNs } from "../../src/runtime/identity.js";
import { acquireLock, lockHeld, lockPath, namedHolder } from "../../src/runtime/lab-lock.js";
import { LAB_NAME_MAX, labNameProblem } from "../../src/runtime/lab-name.js";
import { listRecords, readRecordFile, writeRecord } from "../../src/runtime/lab-record.js";
import { journalFiles, readJournal } from "../../src/runtime/netns-journal.js";
import { startTime } from "../../src/runtime/proc-stat.js";
import { checkRecord } from "../../src/runtime/record-schema.js";
import { tempDirs } from "../support/temp-dirs.js";

const tempDir = tempDirs("netl-own-");

const dir = () => tempDir();

describe("lab names", () => {
  it("takes the node-name rule up to 64 characters, and nothing else", () => {
    for (const good of ["a", "lab", "two-hosts", "A_1-b", "x".repeat(LAB_NAME_MAX)])
      expect(labNameProblem(good)).toBeUndefined();
    for (const bad of ["", "1a", "-a", "_a", "a.b", "a/b", "../x", "a b", "a\nb", "é", "x".repeat(LAB_NAME_MAX + 1)])
      expect(labNameProblem(bad), JSON.stringify(bad)).toMatch(/is not a lab name/);
    expect(labNameProblem("a\nb")).toBe(
      "'a\\x0ab' is not a lab name: a lab name starts with a letter and holds letters, digits, '_' and '-', at most 64 characters",
    );
  });

  it("a file's name is made one", () => {
    expect(labNameFor("labs/two-hosts.netl")).toBe("two-hosts");
    expect(labNameFor("../x y.netl")).toBe("x_y");
    expect(labNameFor("01-intro.netl")).toBe("lab-01-intro");
    expect(labNameFor("my.lab.netl")).toBe("my_lab");
    expect(labNameFor(".netl")).toBe("lab");
    expect(labNameFor("-")).toBe("stdin");
    for (const f of ["../x y.netl", "01-intro.netl", "my.lab.netl", "%%.netl"])
      expect(labNameProblem(labNameFor(f))).toBeUndefined();
  });
});

const good = {
  version: 2,
  lab: "l",
  pid: 1,
  updated: "",
  namespaces: [{ name: "p-A", dev: 4, ino: 4026532000 }],
  hostInterfaces: [{ name: "nl000000h0", ifindex: 7, mac: "02:00:00:00:00:07" }],
  moved: [
    {
      ifname: "eth5",
      netns: "p-A",
      ifindex: 3,
      mac: "02:00:00:00:00:03",
      origin: { up: true, mtu: 1500, addresses: ["10.0.0.1/24"], routes: [], defaultRoute: false },
    },
  ],
};

describe("the record's schema", () => {
  it("takes a record, and fields it does not know", () => {
    expect(checkRecord(good, "l")).toEqual({ record: good });
    expect("record" in checkRecord({ ...good, later: [1] }, "l")).toBe(true);
  });

  it("refuses every field of the wrong shape, naming it", () => {
    const wrong: [object, string][] = [
      [{ ...good, version: 1 }, "record.version is 1: written by an older netl"],
      [{ ...good, version: 3 }, "record.version is not 2"],
      [{ ...good, namespaces: null }, "record.namespaces is not a list"],
      [{ ...good, namespaces: ["p-A"] }, "record.namespaces[0] is not an object"],
      [{ ...good, namespaces: [{ name: "p-A", dev: 4 }] }, "record.namespaces[0].ino is missing"],
      [{ ...good, namespaces: [{ name: "../x", dev: 4, ino: 1 }] }, "record.namespaces[0].name is not a valid name"],
      [{ ...good, namespaces: [{ name: "p-A", dev: -1, ino: 1 }] }, "record.namespaces[0].dev is not a whole number"],
      [
        { ...good, hostInterfaces: [{ name: "a/b", ifindex: 1, mac: "02:00:00:00:00:01" }] },
        "record.hostInterfaces[0].name",
      ],
      [{ ...good, hostInterfaces: [{ name: "x", ifindex: 1, mac: "zz" }] }, "record.hostInterfaces[0].mac"],
      [{ ...good, moved: [{ ...good.moved[0], origin: {} }] }, "record.moved[0].origin.up is missing"],
      [
        { ...good, moved: [{ ...good.moved[0], origin: { ...good.moved[0]?.origin, addresses: null } }] },
        "addresses is not a list",
      ],
      [{ ...good, pid: "1" }, "record.pid is not a whole number"],
      [{ ...good, prefix: "a b" }, "record.prefix is not a valid name"],
      [[good], "record is not an object"],
      [{ ...good, lab: "other" }, "record.lab is not the name of its file"],
    ];
    for (const [value, problem] of wrong) {
      const r = checkRecord(value, "l");
      expect("problem" in r ? r.problem : "", JSON.stringify(value).slice(0, 80)).toContain(problem);
    }
  });

  it("is read only as a regular file of the run directory, never through a symlink", () => {
    const d = dir();
    writeRecord(d, good as Parameters<typeof writeRecord>[1]);
    expect(readRecordFile(d, "l")).toEqual({ kind: "ok", record: good });
    writeFileSync(join(d, "cut.json"), JSON.stringify({ ...good, lab: "cut" }).slice(0, 40));
    symlinkSync(join(d, "l.json"), join(d, "link.json"));
    expect(readRecordFile(d, "cut")).toMatchObject({ kind: "invalid", problem: "it is not JSON (cut short?)" });
    expect(readRecordFile(d, "link")).toMatchObject({ kind: "invalid", problem: "it is a symbolic link" });
    expect(readRecordFile(d, "../l")).toMatchObject({ kind: "invalid", problem: "its name is not a lab name" });
    expect(readRecordFile(d, "none")).toEqual({ kind: "absent" });
    const listing = listRecords(d);
    expect(listing.records.map((r) => r.lab)).toEqual(["l"]);
    expect(listing.invalid.map((i) => i.file)).toEqual(["cut.json", "link.json"]);
  });
});

describe("the journal of namespaces made", () => {
  it("reads NAME DEV INO lines, the last of a name winning; anything else is no line of it", () => {
    const d = dir();
    const path = join(d, "l.made");
    writeFileSync(path, "p-A 4 100\np-B 4 200\njunk\np-A 4 300\n../x 4 1\np-C 4\np-D four 5\n");
    expect(readJournal(path)).toEqual([
      { name: "p-A", dev: 4, ino: 300 },
      { name: "p-B", dev: 4, ino: 200 },
    ]);
    expect(readJournal(join(d, "none"))).toEqual([]);
    symlinkSync(path, join(d, "link.made"));
    expect(readJournal(join(d, "link.made"))).toEqual([]);
  });

  it("tells the file each name was given: the last line of a name says, and one without a file has none", () => {
    const path = join(dir(), "l.made");
    writeFileSync(path, "p-A 4 100 17 2049 55\np-B 4 200 18 2049 56\np-B 4 201 19\np-C 4 300 20 2049\np-D - \n");
    expect([...journalFiles(path)]).toEqual([["p-A", { dev: 2049, ino: 55 }]]);
    expect(readJournal(path)).toEqual([
      { name: "p-A", dev: 4, ino: 100, born: 17 },
      { name: "p-B", dev: 4, ino: 201, born: 19 },
    ]);
    expect(journalFiles(join(dir(), "none"))).toEqual(new Map());
  });

  it("reads the BORN of NAME DEV INO BORN lines; a fifth field alone, a seventh or a word there is no line of it", () => {
    const path = join(dir(), "l.made");
    writeFileSync(path, "p-A 4 100 1796614348120704\np-B 4 200 17 9\np-C 4 300 x\np-D 4 400 17 9 9 9\n");
    expect(readJournal(path)).toEqual([{ name: "p-A", dev: 4, ino: 100, born: 1796614348120704 }]);
  });
});

describe("a namespace's identity", () => {
  const made = { dev: 4, ino: 4026532174, born: 1796614348120704 };
  it("is the same namespace: same device, inode and moment (to Perl's microsecond), or no moment known", () => {
    expect(sameNs(made, { ...made })).toBe(true);
    expect(sameNs(made, { ...made, born: made.born + 1 })).toBe(true);
    expect(sameNs(made, { dev: 4, ino: made.ino })).toBe(true);
  });
  it("is not: the inode number again, made later (Linux reuses the lowest free one), or another inode or device", () => {
    expect(sameNs(made, { ...made, born: made.born + 12_000 })).toBe(false);
    expect(sameNs(made, { ...made, born: made.born - 2 })).toBe(false);
    expect(sameNs(made, { ...made, ino: made.ino + 1 })).toBe(false);
    expect(sameNs(made, { ...made, dev: 5 })).toBe(false);
    expect(sameNs(made, undefined)).toBe(false);
    expect(nsChange(made, { ...made, born: made.born + 12_000 })).toBe(
      "inode 4026532174 is another namespace now, made later",
    );
    expect(nsChange(made, { ...made, ino: 7 })).toBe("it was inode 4026532174, it is inode 7 now");
  });
});

describe("the lab lock", () => {
  it("is held once: a second taker is refused, with the holder's pid; released, it is free", () => {
    const d = dir();
    const first = acquireLock(d, "l");
    if (!first.ok) throw new Error(first.error.message);
    expect(lockHeld(d, "l")).toBe(true);
    const second = acquireLock(d, "l");
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toBe(`lab 'l' is in use by another netl (pid ${process.pid})`);
    first.value();
    expect(lockHeld(d, "l")).toBe(false);
    const again = acquireLock(d, "l");
    expect(again.ok).toBe(true);
    if (again.ok) again.value();
  });

  it("a lock file naming a live pid holds nothing; its pid is named only with that process's start time", () => {
    const d = dir();
    writeFileSync(lockPath(d, "l"), `${process.pid} ${startTime("self")}\n`);
    expect(lockHeld(d, "l")).toBe(false);
    expect(namedHolder(lockPath(d, "l"))).toBe(process.pid);
    writeFileSync(lockPath(d, "l"), `${process.pid} 1\n`);
    expect(namedHolder(lockPath(d, "l"))).toBeUndefined();
    const taken = acquireLock(d, "l");
    expect(taken.ok).toBe(true);
    if (taken.ok) taken.value();
    // A lock path that is a symlink is never followed.
    symlinkSync(join(d, "elsewhere"), lockPath(d, "s"));
    expect(acquireLock(d, "s").ok).toBe(false);
  });
});
