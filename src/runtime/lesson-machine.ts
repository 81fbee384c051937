// What a tutorial lesson makes on the machine before it starts (an interface to move into a
// namespace) and removes after it: only what it made itself, by the name it gave.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Run each `A || B` command (the first alternative that works); the names of the interfaces made. */
export function makeInterfaces(commands: readonly string[]): string[] {
  const made: string[] = [];
  for (const command of commands) {
    // `A || B`: a dummy where the kernel has the driver, else a veth end.
    for (const alternative of command.split(" || ")) {
      const argv = alternative.split(" ");
      const name = argv[3] ?? "";
      if (existsSync(`/sys/class/net/${name}`)) break;
      try {
        execFileSync(argv[0] ?? "ip", argv.slice(1), { stdio: "ignore" });
        made.push(name);
        break;
      } catch {}
    }
  }
  return made;
}

/** Remove those of `names` that were made and are still on the machine. */
export function removeInterfaces(names: readonly string[], made: readonly string[]): void {
  for (const name of names)
    if (made.includes(name) && existsSync(`/sys/class/net/${name}`))
      try {
        execFileSync("ip", ["link", "del", name], { stdio: "ignore" });
      } catch {}
}
