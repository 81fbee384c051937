// Whether this netl runs inside the rootless sandbox (runtime/sandbox.ts), told by its environment: a
// module of its own so that what only asks (cli/signals.ts, on every start) loads none of what makes one.

/** In the sandbox's environment: a netl that sees it runs where it is, never in a sandbox again. */
export const SANDBOX_ENV = "NETL_SANDBOX";

export const insideSandbox = (env: NodeJS.ProcessEnv = process.env): boolean => env[SANDBOX_ENV] === "1";
