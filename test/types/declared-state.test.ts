// The declared State (docs/lifecycle.md, "Typed state"), checked the way an app would use it: the
// files in declared-state/ import `brisk` and declare `State` once, so they are compiled as a
// program of their own (tsconfig.json leaves them out), where the declaration cannot reach the
// rest of the suite.
import assert from 'node:assert/strict'
import { join, resolve } from 'node:path'
import { before, describe, test } from 'node:test'
import { typeErrors } from '../openapi/type-check.js'

const DIR = resolve(import.meta.dirname, 'declared-state')
const file = (name: string) => join(DIR, name)
const VALID = ['state.ts', 'items-router.ts', 'app.ts'].map(file)
const WRONG = file('wrong-lifespan.ts')

describe('a declared State types every state', () => {
  let errors = new Map<string, string[]>()
  // In a hook, so the seconds the compiler takes count as this file's (shards are balanced by them).
  before(() => {
    errors = typeErrors([...VALID, WRONG], {
      paths: { brisk: [resolve(import.meta.dirname, '../../src/index.ts')] },
    })
  })

  test('in dependencies, router handlers, router-level and security dependencies, middleware and the app', () => {
    for (const name of VALID) assert.deepEqual(errors.get(name), [], name)
  })

  test('a lifespan that does not yield it is a type error naming the missing field', () => {
    const found = errors.get(WRONG) ?? []
    assert.equal(found.length, 2, found.join('\n'))
    for (const error of found) assert.match(error, /Property 'db' is missing/)
  })
})
