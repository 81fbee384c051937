// The formats `netl graph` and `netl export` write: the command line lists them as choices before it
// loads either command (each command's module is loaded only when it runs).
export const GRAPH_FORMATS = ["text", "dot", "mermaid", "svg"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** Formats `export` writes: a bash script, a containerlab topology. */
export const EXPORT_FORMATS = ["sh", "containerlab"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
