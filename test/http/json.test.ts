import assert from 'node:assert/strict'
import { test } from 'node:test'
import { stringifyJson, toJsonable } from '../../src/http/json.js'

class Point {
  x = 1
  y: number | undefined = undefined
  area() {
    return 0
  }
  get sum() {
    return 1
  }
}

class Money {
  constructor(readonly cents: number) {}
  toJSON() {
    return `${this.cents / 100} EUR`
  }
}

test('converts the JavaScript twins of jsonable_encoder types', () => {
  const encoded = toJsonable({
    date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
    invalidDate: new Date(Number.NaN),
    small: 42n,
    big: 2n ** 64n,
    negativeBig: -(2n ** 64n),
    set: new Set([1, 'a']),
    map: new Map<unknown, unknown>([
      ['k', 1],
      [2, new Date(0)],
    ]),
    bytes: new TextEncoder().encode('héllo'),
    buffer: Buffer.from('buf'),
    url: new URL('https://example.com/a b'),
    regex: /a+b/g,
    point: new Point(),
    money: new Money(1250),
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    fn: () => 1,
    sym: Symbol('s'),
    missing: undefined,
    nested: [undefined, () => 1, Number.NEGATIVE_INFINITY, { deep: new Set([1n]) }],
    boxed: new String('s'),
  })
  assert.deepEqual(encoded, {
    date: '2024-01-02T03:04:05.006Z',
    invalidDate: null,
    small: 42,
    big: '18446744073709551616',
    negativeBig: '-18446744073709551616',
    set: [1, 'a'],
    map: { k: 1, '2': '1970-01-01T00:00:00.000Z' },
    bytes: 'héllo',
    buffer: 'buf',
    url: 'https://example.com/a%20b',
    regex: 'a+b',
    point: { x: 1 },
    money: '12.5 EUR',
    nan: null,
    inf: null,
    nested: [null, null, null, { deep: [1] }],
    boxed: 's',
  })
})

test('iterables such as generators become arrays', () => {
  function* numbers() {
    yield 1
    yield 2
  }
  assert.deepEqual(toJsonable({ n: numbers() }), { n: [1, 2] })
})

test('__proto__ keys stay own data and do not change the prototype', () => {
  const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')
  const encoded = toJsonable(new Map([['__proto__', 1]])) as Record<string, unknown>
  assert.equal(Object.getPrototypeOf(encoded), Object.prototype)
  assert.equal(Object.hasOwn(encoded, '__proto__'), true)
  assert.equal(stringifyJson(value), '{"__proto__":{"polluted":true},"a":1}')
  assert.equal(stringifyJson(encoded), '{"__proto__":1}')
})

test('stringifyJson is compact, keeps non-ASCII, and matches JSON.stringify on plain data', () => {
  const plain = {
    message: 'Hello, World!',
    n: [1, 2.5, -0],
    ok: true,
    none: null,
    text: 'café ✓',
    skip: undefined,
  }
  assert.equal(stringifyJson(plain), JSON.stringify(plain))
  assert.equal(stringifyJson('x'), '"x"')
  assert.equal(stringifyJson(undefined), 'null')
  assert.equal(stringifyJson(null), 'null')
})

test('stringifyJson converts non-plain values', () => {
  assert.equal(
    stringifyJson({ id: 1n, at: new Date(0), n: Number.NaN }),
    '{"id":1,"at":"1970-01-01T00:00:00.000Z","n":null}',
  )
  assert.equal(stringifyJson([new Set([1])]), '[[1]]')
  assert.equal(stringifyJson({ toJSON: () => 'custom' }), '"custom"')
})

test('shared references are fine; cycles are a TypeError', () => {
  const shared = { a: 1 }
  assert.equal(
    stringifyJson({ x: shared, y: shared, d: new Date(0) }),
    '{"x":{"a":1},"y":{"a":1},"d":"1970-01-01T00:00:00.000Z"}',
  )
  const cyclic: Record<string, unknown> = { a: 1 }
  cyclic.self = cyclic
  assert.throws(() => stringifyJson(cyclic), TypeError)
  const viaMap = new Map<string, unknown>()
  viaMap.set('m', viaMap)
  assert.throws(() => stringifyJson({ viaMap }), TypeError)
  const deep: unknown[] = []
  let cursor = deep
  for (let i = 0; i < 200; i++) {
    const next: unknown[] = []
    cursor.push(next)
    cursor = next
  }
  assert.equal(stringifyJson(deep), `${'['.repeat(201)}${']'.repeat(201)}`)
})
