// Whether a program can be run by name: an executable file of that name in a directory of PATH.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export function onPath(program: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? "").split(delimiter).some((dir) => {
    if (dir === "") return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
