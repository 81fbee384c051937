// A value made on first use, for what start-up should not pay for until a command needs it (the lexer
// and parser: `netl down` and `netl ls` never parse). The cache lives in the closure, not in a module.

/** `make` runs on the first call only; every call returns what it made. */
export function once<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
