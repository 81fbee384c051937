// NODE_EXTRA_CA_CERTS and netl's own node (scripts/netl.sh, the bin, says why): node reads the file it
// names as it starts, a large part of every start when it is the system's CA bundle (docs/BENCHMARKS.md),
// and netl opens no TLS connection. The bin starts netl's node with the value carried under CARRIED instead; netl puts it back
// before anything else runs, so what netl starts sees the environment the user set.
const NAME = "NODE_EXTRA_CA_CERTS";
export const CARRIED = "NETL_NODE_EXTRA_CA_CERTS";

/** Put a carried NODE_EXTRA_CA_CERTS back where it was (netl's first step; the bin carried it). */
export function restoreCarried(env: NodeJS.ProcessEnv = process.env): void {
  const value = env[CARRIED];
  if (value === undefined) return;
  env[NAME] = value;
  delete env[CARRIED];
}

/** The environment to start netl's own node again in (the rootless sandbox's netl): carried, as the bin does. */
export function carried(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env[NAME] === undefined) return env;
  const { [NAME]: value, ...rest } = env;
  return { ...rest, [CARRIED]: value };
}
