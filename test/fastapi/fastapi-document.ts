// What the tests that compare Brisk's OpenAPI document with FastAPI's share (the tutorial ports
// under test/fastapi/ and the security schemes' tests in test/security/): FastAPI's documents
// (fixtures/), FastAPI's boilerplate for the tests that still build theirs, an app titled as
// FastAPI's, and the document read and compared the way FastAPI's tests read /openapi.json.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import { App, type AppOptions, TestClient } from '../../src/index.js'

const FIXTURES = new URL('./fixtures/', import.meta.url)

/**
 * The document one of FastAPI's tests expects, as data copied from that test: `test` names it as
 * fastapi/fastapi's tests/test_tutorial/ does (`test_body/test_tutorial001.py`), `variant` the app
 * when one test file checks several apps with different documents (`tutorial002`). Read from
 * fixtures/test_body/test_tutorial001.json (or `….tutorial002.json`), a fresh copy each call.
 */
export function fastapiDocument(test: string, variant?: string): unknown {
  if (!test.endsWith('.py'))
    throw new TypeError(`Name FastAPI's test file, as test_body/test_tutorial001.py: ${test}`)
  const file = test.replace(/\.py$/, variant === undefined ? '.json' : `.${variant}.json`)
  return JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'))
}

// FastAPI's boilerplate, the same in every document: the default 200, the automatic 422 and the
// two schemas it refers to (fastapi/openapi/utils.py), and `$ref`s to components.
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const ok = (schema: object = {}) => ({
  description: 'Successful Response',
  content: { 'application/json': { schema } },
})
export const invalid = {
  description: 'Validation Error',
  content: { 'application/json': { schema: ref('HTTPValidationError') } },
}
export const validationSchemas = {
  HTTPValidationError: {
    title: 'HTTPValidationError',
    type: 'object',
    properties: { detail: { title: 'Detail', type: 'array', items: ref('ValidationError') } },
  },
  ValidationError: {
    title: 'ValidationError',
    required: ['loc', 'msg', 'type'],
    type: 'object',
    properties: {
      loc: { title: 'Location', type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { title: 'Message', type: 'string' },
      type: { title: 'Error Type', type: 'string' },
      input: { title: 'Input' },
      ctx: { title: 'Context', type: 'object' },
    },
  },
}

// Brisk's default title is "Brisk"; the FastAPI tutorials run with FastAPI's default, "FastAPI".
export const fastapi = (options: AppOptions = {}) => new App({ title: 'FastAPI', ...options })

/** The document as FastAPI's tests read it: GET /openapi.json, parsed. */
export async function documentOf(app: App | TestClient): Promise<unknown> {
  const client = app instanceof TestClient ? app : new TestClient(app)
  const res = await client.get('/openapi.json')
  assert.equal(res.status, 200, res.text)
  return res.json()
}

/** Asserts the app's document is `expected`, naming every JSON path where the two differ. */
export async function assertDocument(app: App | TestClient, expected: unknown): Promise<void> {
  const actual = await documentOf(app)
  assert.deepEqual(actual, expected, `the documents differ at:\n${differences(actual, expected).join('\n')}`)
}

/** The JSON paths where `actual` and `expected` differ, each with the two values found there. */
function differences(actual: unknown, expected: unknown, at = '$'): string[] {
  if (isDeepStrictEqual(actual, expected)) return []
  if (!isObject(actual) || !isObject(expected) || Array.isArray(actual) !== Array.isArray(expected)) {
    return [`${at}: ${show(actual)} instead of ${show(expected)}`]
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)])
  return [...keys].flatMap((key) => {
    const step = Array.isArray(actual)
      ? `[${key}]`
      : /^\w+$/.test(key)
        ? `.${key}`
        : `[${JSON.stringify(key)}]`
    return differences(actual[key], expected[key], at + step)
  })
}

const show = (value: unknown) => (value === undefined ? '(nothing)' : JSON.stringify(value))

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
