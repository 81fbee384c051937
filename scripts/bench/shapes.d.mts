// Types of shapes.mjs, for the test that checks its labs against the model.
export interface Shape {
  readonly shape: "star" | "grid";
  readonly size: number;
}
export const net: (i: number) => string;
export function chainScript(n: number): string;
export const SHAPE_SIZES: { readonly star: number; readonly grid: number };
export function parseShape(word: string): Shape | string;
export function shapeLab(shape: Shape): { text: string; from: string; to: string };
export function runShapes(shapes: readonly Shape[], deps: object): object[];
export function renderShapes(rows: readonly object[]): string;
