// NODE_EXTRA_CA_CERTS around netl's own node (runtime/node-env.ts; scripts/netl.sh carries it): netl
// puts the carried value back before anything runs, and starts its own node again (the rootless
// sandbox) with it carried, as the bin does.
import { expect, test } from "vitest";
import { CARRIED, carried, restoreCarried } from "../../src/runtime/node-env.js";

test("restoreCarried puts the value back under its own name and drops the carried copy", () => {
  const env: NodeJS.ProcessEnv = { PATH: "/bin", [CARRIED]: "/etc/ssl/ca.pem" };
  restoreCarried(env);
  expect(env).toEqual({ PATH: "/bin", NODE_EXTRA_CA_CERTS: "/etc/ssl/ca.pem" });
  const empty: NodeJS.ProcessEnv = { [CARRIED]: "" };
  restoreCarried(empty);
  expect(empty).toEqual({ NODE_EXTRA_CA_CERTS: "" });
});

test("restoreCarried leaves an environment with nothing carried as it is", () => {
  const env: NodeJS.ProcessEnv = { PATH: "/bin", NODE_EXTRA_CA_CERTS: "/x.pem" };
  restoreCarried(env);
  expect(env).toEqual({ PATH: "/bin", NODE_EXTRA_CA_CERTS: "/x.pem" });
});

test("carried is the bin's move, and restoreCarried undoes it", () => {
  const env = { PATH: "/bin", NODE_EXTRA_CA_CERTS: "/x.pem" };
  const moved = carried(env);
  expect(moved).toEqual({ PATH: "/bin", [CARRIED]: "/x.pem" });
  expect(env).toEqual({ PATH: "/bin", NODE_EXTRA_CA_CERTS: "/x.pem" });
  restoreCarried(moved);
  expect(moved).toEqual(env);
  expect(carried({ PATH: "/bin" })).toEqual({ PATH: "/bin" });
});
