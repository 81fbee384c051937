// Types of report.mjs, for the tests that check which targets it reports.
export interface Target {
  readonly name: string;
  readonly ratio: number;
  readonly met: boolean;
  /** Not met, and shown unreachable by measurement: why. */
  readonly blocked?: string;
}
export function targets(result: object): Target[];
export function render(result: object, options: { runs: number; caSet: boolean }): string;
