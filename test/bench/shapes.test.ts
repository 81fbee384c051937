// The bench's other shapes (scripts/bench/shapes.mjs): each lab checks as netl checks a file, and the
// address its ready ping aims at is the far node's own in the model, not a guess that a ping would
// merely fail on.
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { parseShape, SHAPE_SIZES, shapeLab } from "../../scripts/bench/shapes.mjs";
import { checkProgram } from "../../src/interpreter/program.js";
import { emptyWorld } from "../../src/interpreter/world.js";

function checked(word: string) {
  const shape = parseShape(word);
  if (typeof shape === "string") throw new Error(shape);
  const lab = shapeLab(shape);
  const { program, errors } = parse(lab.text);
  expect(errors).toEqual([]);
  const r = checkProgram(emptyWorld, program.statements, { source: lab.text });
  expect(r.error).toBeUndefined();
  return { lab, world: r.world };
}

/** The node whose interface holds ADDRESS, in the checked World. */
const holder = (world: ReturnType<typeof checked>["world"], address: string) =>
  [...world.nodes.values()].filter((n) =>
    [...n.ifaces.values()].some((i) => i.addresses.some((a) => a.split("/")[0] === address)),
  );

describe("bench shapes", () => {
  it.each(["star:8", "star:13", "grid:2", "grid:3", "grid:5"])("%s checks; the ping aims at the far node", (word) => {
    const { lab, world } = checked(word);
    const far = holder(world, lab.to);
    expect(far.map((n) => n.name)).toHaveLength(1);
    expect(far[0]?.name).not.toBe(lab.from);
    // The far node: the last host of the star, the last router of the grid.
    const size = Number(word.split(":")[1]);
    expect(far[0]?.name).toBe(word.startsWith("star") ? `h${size - 1}` : `g${size * size - 1}`);
  });

  it("the issue's sizes by default, each within the kernel's and the subnets' limits", () => {
    expect(parseShape("star")).toEqual({ shape: "star", size: SHAPE_SIZES.star });
    expect(parseShape("grid")).toEqual({ shape: "grid", size: SHAPE_SIZES.grid });
    expect(checked("star").world.nodes.size).toBe(1000 + 4 + 1);
  });

  it("refuses what is not a shape or a size", () => {
    for (const bad of [
      "box",
      "star:",
      "star:x",
      "star:3",
      "star:1013",
      "grid:1",
      "grid:65",
      "grid:2.5",
      "star:8:1",
      "",
    ])
      expect(typeof parseShape(bad)).toBe("string");
  });
});
