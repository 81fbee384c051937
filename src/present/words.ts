// Counted words: `1 namespace`, `2 namespaces`.
export const plural = (n: number, what: string, many = `${what}s`): string => `${n} ${n === 1 ? what : many}`;
