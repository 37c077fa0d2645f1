// Types of select.mjs, for the test that imports it (scripts/test/bench-select.test.ts).

export declare const ROWS_OF: Record<string, string[]>;

export declare function selectMetrics(
  names: string[],
  modules: string[],
): { modules: string[]; unknown?: undefined } | { unknown: string; modules?: undefined };
