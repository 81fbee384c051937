// Where Graphviz put things in an SVG: each node's shape as a box, and each text with an estimate
// of its box (the browser test measures them exactly). For "no label over a box".

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Drawn {
  readonly id: string;
  readonly classes: readonly string[];
  /** The outline of a node's shape; undefined for text-only nodes and edges. */
  readonly shape?: Box;
  readonly texts: readonly { readonly text: string; readonly box: Box }[];
}

const numbers = (s: string): number[] => (s.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);

function around(xs: readonly number[], ys: readonly number[]): Box | undefined {
  if (xs.length === 0) return undefined;
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function shapeOf(body: string): Box | undefined {
  const ellipse = /<ellipse[^>]*cx="([-\d.]+)" cy="([-\d.]+)" rx="([-\d.]+)" ry="([-\d.]+)"/.exec(body);
  if (ellipse) {
    const [cx, cy, rx, ry] = ellipse.slice(1).map(Number) as [number, number, number, number];
    return { x0: cx - rx, y0: cy - ry, x1: cx + rx, y1: cy + ry };
  }
  const outline = /<(?:polygon[^>]*points|path[^>]*\sd)="([^"]+)"/.exec(body);
  if (!outline?.[1]) return undefined;
  const n = numbers(outline[1]);
  return around(
    n.filter((_, i) => i % 2 === 0),
    n.filter((_, i) => i % 2 === 1),
  );
}

function textsOf(body: string): Drawn["texts"] {
  return [...body.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, attrs = "", text = ""]) => {
    const x = Number(/ x="([-\d.]+)"/.exec(attrs)?.[1]);
    const y = Number(/ y="([-\d.]+)"/.exec(attrs)?.[1]);
    const size = Number(/font-size="([\d.]+)"/.exec(attrs)?.[1] ?? 14);
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? "start";
    const width = text.length * size * 0.5;
    const x0 = anchor === "middle" ? x - width / 2 : anchor === "end" ? x - width : x;
    return { text, box: { x0, y0: y - size * 0.75, x1: x0 + width, y1: y + size * 0.2 } };
  });
}

/** Graphviz writes `-` in attributes as `&#45;`: the text as a browser reads it. */
export const decoded = (svg: string): string => svg.replace(/&#45;/g, "-");

/** Every node and edge group of a Graphviz SVG. */
export function drawn(svg: string): Drawn[] {
  return [...decoded(svg).matchAll(/<g id="([^"]+)" class="((?:node|edge)[^"]*)">([\s\S]*?)<\/g>/g)].map(
    ([, id = "", classes = "", body = ""]) => {
      const isEdge = classes.startsWith("edge");
      const shape = isEdge ? undefined : shapeOf(body);
      return { id, classes: classes.split(" "), ...(shape ? { shape } : {}), texts: textsOf(body) };
    },
  );
}

export const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Texts outside a node that lie over its shape: `A: "eth0" over B`. */
export function labelsOverBoxes(svg: string): string[] {
  const all = drawn(svg);
  const found: string[] = [];
  for (const box of all.filter((d) => d.shape !== undefined))
    for (const other of all)
      for (const t of other.texts)
        if (other !== box && t.text.trim() !== "" && overlaps(t.box, box.shape as Box))
          found.push(`${other.id}: "${t.text}" over ${box.id}`);
  return found;
}
