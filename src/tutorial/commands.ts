// What a learner's `exec` command line does, as far as the checks ask: does it list interfaces, and
// which addresses does it ping. Read off its words (split at `;`, `&&`, `||` and pipes), never run.

/** The simple commands of a line, each as its words. */
export function simpleCommands(line: string): string[][] {
  return line
    .split(/;|&&|\|\||\||&/)
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .filter((w) => w !== ""),
    )
    .map((words) => (words[0] === "sudo" || words[0] === "exec" ? words.slice(1) : words))
    .filter((words) => words.length > 0);
}

const IP_OBJECTS = new Set(["a", "ad", "add", "addr", "addre", "addres", "address", "l", "li", "lin", "link"]);
const LISTING = new Set(["show", "sh", "s", "list", "lst", "ls", "l"]);
/** ip's options that take a value (`-f inet`, `-n NS`). */
const IP_VALUED = new Set(["-f", "-family", "-n", "-netns", "-b", "-batch", "-rc", "-rcvbuf", "-l", "-loops"]);

/** `ip a`, `ip -br addr show`, `ip link`, `ip l ls`, `ifconfig`, `ls /sys/class/net`. */
function listsInterfaces(words: readonly string[]): boolean {
  const [program, ...rest] = words;
  if (program === "ifconfig") return rest.every((w) => w.startsWith("-"));
  if (program === "ls") return rest.some((w) => /^\/sys\/class\/net\/?$/.test(w));
  if (program !== "ip") return false;
  let i = 0;
  while (i < rest.length && rest[i]?.startsWith("-")) {
    // `ip -n B addr` lists another namespace's interfaces, not this one's.
    if (rest[i] === "-n" || rest[i] === "-netns" || rest[i] === "-all") return false;
    i += IP_VALUED.has(rest[i] ?? "") ? 2 : 1;
  }
  const object = rest[i];
  const verb = rest[i + 1];
  return object !== undefined && IP_OBJECTS.has(object) && (verb === undefined || LISTING.has(verb) || verb === "dev");
}

export const commandListsInterfaces = (line: string): boolean => simpleCommands(line).some(listsInterfaces);

/** ping's options that take a value (`-c 1`, `-W 1`, `-I eth0`). */
const PING_VALUED = /^-[cWiIstwlpQSTMmF]$/;

/** The address (or name) a simple command pings, when it is a ping. */
function pingTarget(words: readonly string[]): string[] {
  const [program, ...rest] = words;
  if (program !== "ping" && program !== "ping6") return [];
  const plain: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] ?? "";
    if (PING_VALUED.test(w)) i++;
    else if (!w.startsWith("-")) plain.push(w);
  }
  return plain.slice(-1);
}

/** The addresses (or names) the line's pings go to. */
export const pingTargets = (line: string): string[] => simpleCommands(line).flatMap(pingTarget);

/**
 * The address pinged by the ping whose exit status is the line's: the last command, not sent to the
 * background. A ping followed by `|| true`, `| cat` or `; echo` may fail while the line succeeds.
 */
export function decidingPingTarget(line: string): string | undefined {
  if (/&\s*$/.test(line) && !/&&\s*$/.test(line)) return undefined;
  const last = simpleCommands(line).at(-1);
  return last === undefined ? undefined : pingTarget(last)[0];
}
