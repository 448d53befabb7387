// The memory bound every hostile-input test holds the server to (SECURITY-NOTES: bounded memory):
// the process's RSS grows by less than 64 MiB while `run` runs.
import assert from 'node:assert/strict'

export const MIB = 1024 * 1024

export async function withinMemory<T>(run: () => Promise<T>, limit = 64 * MIB): Promise<T> {
  global.gc?.()
  const before = process.memoryUsage().rss
  const result = await run()
  const growth = process.memoryUsage().rss - before
  assert.ok(growth < limit, `RSS grew by ${Math.round(growth / MIB)} MiB`)
  return result
}
