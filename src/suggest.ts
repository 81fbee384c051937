// "Did you mean …?": the nearest known word to a typo, if one is near enough to be a likely intent.
import { distance } from "fastest-levenshtein";

export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  // One edit is a guess worth offering for a word of two or more letters; for one letter it is just another name.
  const limit = word.length < 2 ? 0 : Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a candidate too far by that alone is not
    // measured (a measure costs the product of the lengths, and a word may be a 4 MB line).
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
