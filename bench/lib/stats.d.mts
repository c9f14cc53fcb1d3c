// Types of stats.mjs for the unit tests (tests/bench/stats.test.ts).
export declare const mean: (xs: number[]) => number
export declare function median(xs: number[]): number
export declare function dropSlowest(xs: number[], fraction: number): number[]
export declare const trimmedMean: (xs: number[], fraction: number) => number
export declare function seededRandom(seed: number): () => number
export declare function quantile(sorted: number[], p: number): number
export interface RatioInterval {
  ratio: number
  low: number
  high: number
}
export declare function bootstrapRatio(
  num: number[],
  den: number[],
  options?: { fraction?: number; iterations?: number; confidence?: number; seed?: number },
): RatioInterval
export declare const verdict: (interval: { low: number; high: number }, target: number) => 'under' | 'over' | 'inconclusive'
