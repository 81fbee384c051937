// `netl export --format containerlab` through the built CLI (no root, no containerlab needed): every example
// written with -o validates against containerlab's schema; without -o the same text goes to standard output;
// --image reaches every node; what does not carry over is a warning on standard error; misuse is refused.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_IMAGE } from "../../src/present/export-clab.js";
import { readClab, schemaErrors } from "../support/clab.js";
import { netl } from "../support/netl.js";

const examples = new URL("../../examples/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "netl-clab-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("netl export --format containerlab FILE -o OUT", () => {
  const files = readdirSync(examples).filter((f) => f.endsWith(".netl"));

  for (const f of files) {
    it(`${f}: one command writes a topology containerlab's schema accepts`, async () => {
      const name = f.replace(/\.netl$/, "");
      const out = join(dir, `${name}.clab.yml`);
      const r = await netl(["export", "--format", "containerlab", join(examples, f), "-o", out]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toBe(`wrote ${out} (containerlab deploy -t ${out}; containerlab destroy -t ${out})`);
      const text = readFileSync(out, "utf8");
      expect(text.split("\n")[0]).toBe(
        `# ${name}: the lab ${join(examples, f)} builds, as a containerlab topology (netl export --format containerlab).`,
      );
      const doc = readClab(text);
      expect(schemaErrors(doc), `${f}: containerlab's schema refuses it`).toEqual([]);
      expect(doc.name).toBe(name);
      // Without -o, the same text on standard output (the header names the file it would be: NAME.clab.yml).
      const stdout = await netl(["export", "--format", "containerlab", join(examples, f)]);
      expect(stdout.exitCode).toBe(0);
      expect(`${stdout.stdout}\n`).toBe(text);
    });
  }
});

describe("netl export --format containerlab: options and messages", () => {
  const two = join(examples, "two-hosts.netl");

  it("--image IMG is every node's image", async () => {
    const r = await netl(["export", "--format", "containerlab", "--image", "alpine:3.20", two]);
    expect(r.exitCode).toBe(0);
    const nodes = Object.values(readClab(r.stdout).topology.nodes);
    expect(nodes.map((n) => n.image)).toEqual(["alpine:3.20", "alpine:3.20"]);
    const plain = await netl(["export", "--format", "containerlab", two]);
    expect(Object.values(readClab(plain.stdout).topology.nodes).map((n) => n.image)).toEqual([
      DEFAULT_IMAGE,
      DEFAULT_IMAGE,
    ]);
  });

  it("what does not carry over: a warning on standard error naming it, and the topology still written", async () => {
    const file = join(dir, "moved.netl");
    writeFileSync(file, "ns A B\nlink A <-> B 10.0.0.0/24\nmove eth5 -> A\naddr A:eth5 10.9.0.1/24\n");
    const r = await netl(["export", "--format", "containerlab", file]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      "warning: move eth5 -> A does not carry over: containerlab cannot move an interface of the machine into a node; A:eth5 (10.9.0.1/24) and routes through it are left out",
    );
    const doc = readClab(r.stdout);
    expect(schemaErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain("eth5");
  });

  it("a script with an error writes nothing; options of the other format are refused", async () => {
    const bad = join(dir, "bad.netl");
    writeFileSync(bad, "ns A\nlink A <-> B\n");
    const out = join(dir, "bad.clab.yml");
    const r = await netl(["export", "--format", "containerlab", bad, "-o", out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown node 'B'");
    expect(existsSync(out)).toBe(false);
    const prefix = await netl(["export", "--format", "containerlab", "--prefix", "p", two]);
    expect([prefix.exitCode, prefix.stderr]).toEqual([2, "--prefix does not go with --format containerlab"]);
    const image = await netl(["export", "--format", "sh", "--image", "alpine", two]);
    expect([image.exitCode, image.stderr]).toEqual([2, "--image does not go with --format sh"]);
  });
});
