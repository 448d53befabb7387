import assert from 'node:assert/strict'
import { ConfigError } from '../../src/index.js'

/** The message of the ConfigError a call throws; fails the test when it throws anything else or nothing. */
export function configError(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error.message
  }
  assert.fail('expected a ConfigError')
}
