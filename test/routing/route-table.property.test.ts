import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compilePath } from '../../src/routing/path-template.js'
import { RouteTable, type TableEntry, type TableMatch } from '../../src/routing/route-table.js'
import { LinearTable } from './linear-table.js'

// A small vocabulary, so that generated routes overlap and request paths hit them.
const WORDS = ['a', 'b', 'me', 'v1', 'a.txt', 'x-y']
const VALUES = [...WORDS, '', '1', 'a/b', 'x-', '-y', 'v', '.txt', 'a.txt1']
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']

/** One segment: literal text, a parameter, or parameters sharing the segment with text. */
const segment = (i: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 3, arbitrary: fc.constant(`{p${i}}`) },
    { weight: 2, arbitrary: fc.constantFrom(`{p${i}}.txt`, `v{p${i}}`, `{p${i}}-{q${i}}`, `{p${i}:str}`) },
    { weight: 1, arbitrary: fc.constant('') },
  )

const segments = (max: number) =>
  fc.integer({ min: 0, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => segment(i))))

/** A route template: up to three segments, maybe a trailing slash or a rest-of-path tail. */
const template = fc
  .tuple(segments(3), fc.constantFrom(undefined, '', '{rest:path}', 'x{rest:path}', '{t}-{rest:path}'))
  .map(([parts, tail]) => `/${(tail === undefined ? parts : [...parts, tail]).join('/')}`)

/** A mount prefix: one or two segments, never ending in "/"; now and then "/", which takes every path. */
const prefix = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(segments(2), fc.constantFrom(...WORDS, '{org}'))
      .map(([parts, last]) => `/${[...parts, last].join('/')}`),
  },
  { weight: 1, arbitrary: fc.constant('/') },
)

const methods = fc.uniqueArray(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'), { minLength: 1, maxLength: 3 })

const entry: fc.Arbitrary<TableEntry<number>> = fc
  .oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('operation' as const), path: template, methods }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('websocket' as const), path: template }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('mount' as const), path: prefix }) },
  )
  .map((raw) => {
    const base = { template: compilePath(raw.path), value: 0 }
    return raw.kind === 'operation'
      ? { ...base, kind: raw.kind, methods: new Set(raw.methods) }
      : { ...base, kind: raw.kind }
  })

const randomPath = fc
  .array(fc.constantFrom(...VALUES), { maxLength: 4 })
  .map((parts) => `/${parts.join('/')}`)

/** Fills a template's parameters with values, in turn from `offset`. */
function instantiate(source: string, values: readonly string[], offset: number): string {
  let next = offset
  return source.replace(/\{[^}]*\}/g, () => values[next++ % values.length]!)
}

function toggleSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`
}

/** Request paths aimed at the routes: filled in, with the trailing slash toggled, one character longer, under mounts. */
function requestPaths(entries: readonly TableEntry<number>[], values: readonly string[], random: string[]) {
  const paths = new Set(random)
  for (const [i, { kind, template }] of entries.entries()) {
    paths.add(template.source)
    const filled = instantiate(template.source, values, i)
    paths.add(filled)
    paths.add(toggleSlash(filled))
    paths.add(`${filled}1`)
    if (kind === 'mount') for (const rest of ['/', '/a', '/a/b/', '']) paths.add(filled + rest)
  }
  return [...paths]
}

/** A match with its params as a plain object, so a shared frozen `{}` equals a fresh one. */
function plain(match: TableMatch<number>): unknown {
  return 'params' in match ? { ...match, params: { ...match.params } } : match
}

test('the trie table answers every method and path exactly as the linear specification', () => {
  fc.assert(
    fc.property(
      fc.array(entry, { minLength: 1, maxLength: 8 }),
      fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 6 }),
      fc.array(randomPath, { maxLength: 4 }),
      (raw, values, random) => {
        const entries = raw.map((e, i) => ({ ...e, value: i }))
        const table = new RouteTable(entries)
        const oracle = new LinearTable(entries)
        for (const path of requestPaths(entries, values, random)) {
          for (const method of METHODS) {
            const context = `${method} ${path}`
            assert.deepEqual(plain(table.match(method, path)), plain(oracle.match(method, path)), context)
          }
          const context = `WebSocket ${path}`
          assert.deepEqual(plain(table.matchWebSocket(path)), plain(oracle.matchWebSocket(path)), context)
        }
      },
    ),
    { numRuns: 3000 },
  )
})
