// Types of size.mjs for the unit tests (tests/bench/size.test.ts).
export declare const budgets: Record<string, number>
export declare function entriesFor(exported: string[]): Record<string, string>
export interface SizeRow {
  name: string
  budget?: number
  min?: number
  gzip?: number
  error?: string
}
export declare function sizeLine(row: SizeRow): string
