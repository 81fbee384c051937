// esbuild: the programs netl hands to other processes (src/runtime/native/: Perl, a node -e probe) are
// imported as their text, as vitest.config.ts does for the tests. Used by build.mjs and bench/run.mjs.
import { readFile } from "node:fs/promises";

// And the live page's own files (src/serve/assets/), which netl serves as they are.
const TEXT_FILES =
  /[\\/]src[\\/](runtime[\\/]native[\\/][^\\/]+\.(pl|cjs)|serve[\\/]assets[\\/][^\\/]+\.(html|css|mjs))$/;

export const nativeText = {
  name: "native-text",
  setup(b) {
    b.onLoad({ filter: TEXT_FILES }, async (args) => ({
      contents: await readFile(args.path, "utf8"),
      loader: "text",
    }));
  },
};
