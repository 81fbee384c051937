// The "namespace" of lines for the machine's own namespace (node `host`): a module of its own, so that
// what runs a batch (runtime/batch.ts, which `netl down` loads) does not load the lowering with it.

/** Batches for the machine's own namespace run without `-n`. No namespace can have this name (a netns name holds no '/'). */
export const MACHINE_NS = "/";
