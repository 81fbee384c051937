import { it } from "vitest";
import { randomLab } from "./support/random-lab.js";

it("preview", () => {
  for (const s of (process.env.SEEDS ?? "").split(",").map(Number)) console.log(`#${s}\n${randomLab(s, 237).text}`);
});
