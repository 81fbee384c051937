// The programs netl hands to other processes (perl, node -e), imported as their text: scripts/build.mjs
// and vitest.config.ts load every file of src/runtime/native/ so.
declare module "*.pl" {
  const text: string;
  export default text;
}
declare module "*/reach-probe.cjs" {
  const text: string;
  export default text;
}
