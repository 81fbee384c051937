// Appending one array to another in place. `to.push(...items)` passes every item as an argument, and
// past some hundred thousand (a 32×32 grid's routes, a big lab's ops) V8 runs out of stack.

/** Every item of `items` pushed onto `to`, in order, whatever their number. */
export function append<T>(to: T[], items: Iterable<T>): T[] {
  for (const item of items) to.push(item);
  return to;
}
