// Byte sizes as people read them. No import of the library here, so unit tests can load it.

/** "1.4 MB", "812 B"; an en dash for unknown. */
export function formatBytes(n: number | undefined | null): string {
  if (n == null || !Number.isFinite(n)) return '–'
  if (n < 1024) return `${Math.round(n)} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 1)} MB`
}
