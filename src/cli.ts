// netl's entry, bundled by scripts/build.mjs to dist/netl.js: the command line of src/cli/main.ts, started
// at once; or, under `node --build-snapshot`, the start-up snapshot's entry (src/snapshot.ts), whose
// program starts when node starts from the snapshot. The bin (dist/netl) chooses (docs/ARCHITECTURE.md).
import { commandLine, main, start } from "./cli/main.js";
import { buildingSnapshot, prepareSnapshot } from "./snapshot.js";

if (buildingSnapshot())
  prepareSnapshot(
    process.argv.slice(2),
    (made) => start(process.argv.slice(2), made),
    main,
    commandLine,
    () => import("./cli/live.js"),
  );
else start(process.argv.slice(2));
