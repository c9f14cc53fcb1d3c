// Key–value storage shared by the platform APIs (each wraps it in its own call shape).
export function createStorage(initial = {}) {
  const data = new Map(Object.entries(initial))
  return { get: (key) => (data.has(key) ? data.get(key) : ''), set: (key, value) => data.set(key, value), remove: (key) => data.delete(key) }
}
