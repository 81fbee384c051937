// `router R`: a namespace like `ns`, with IPv4 and IPv6 forwarding turned on.
import type { RouterStmt } from "../../../grammar/ast.js";
import type { Result } from "../../diagnostic.js";
import type { Change } from "../plan.js";
import type { World } from "../world.js";
import { createNodes } from "./ns.js";

export const evaluateRouter = (world: World, stmt: RouterStmt): Result<Change> =>
  createNodes(world, stmt.names, "router");
