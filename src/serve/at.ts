// Where a live page listens, from the flags (`--serve`, `--port`, `--listen`): light enough for every
// front end to read without loading the page itself.

export interface ServeFlags {
  readonly serve?: boolean;
  readonly port?: number;
  readonly listen?: string;
}

export interface ServeAt {
  /** 127.0.0.1 unless asked otherwise (`--listen`). */
  readonly host: string;
  /** 0: a free one. */
  readonly port: number;
  /** A listening socket handed over by the netl outside a rootless sandbox. */
  readonly fd?: number;
}

/** The environment variable that hands a listening socket's descriptor to the netl inside a sandbox. */
export const SERVE_FD_ENV = "NETL_SERVE_FD";

export const wantsPage = (flags: ServeFlags): boolean =>
  flags.serve === true || flags.port !== undefined || flags.listen !== undefined;

/** Where to listen; a socket handed over from outside a rootless sandbox first. */
export function serveAt(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeAt {
  const fd = Number(env[SERVE_FD_ENV]);
  return {
    host: flags.listen ?? "127.0.0.1",
    port: flags.port ?? 0,
    ...(Number.isInteger(fd) && fd > 2 ? { fd } : {}),
  };
}

export const isLoopback = (host: string): boolean => /^(127\.|::1$|localhost$)/.test(host);
