import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { compilePath } from '../../src/routing/path-template.js'

const TEMPLATES = [
  '/items/{item_id}',
  '/users/{a}/items/{b}',
  '/files/{p:path}',
  '/a/{x}/',
  '/{x}',
  '/{x}/b/{rest:path}',
  '/x/{y}/z',
]

test('the regex-free matcher answers exactly as the template regex', () => {
  for (const template of TEMPLATES) {
    const compiled = compilePath(template)
    assert.ok(compiled.segments, `${template} uses the segment matcher`)
    const segment = fc.constantFrom('a', 'b', 'items', 'users', 'files', 'x', 'y', 'z', '', '%', 'é', '.')
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, trailing) => {
        const path = `/${segments.join('/')}${trailing ? '/' : ''}`
        const groups = compiled.regex!.exec(path)
        const viaRegex = groups
          ? Object.fromEntries(compiled.params.map((name, i) => [name, groups[i + 1]]))
          : undefined
        const viaSegments = compiled.segments!(path)
        assert.deepEqual(viaSegments === undefined ? undefined : { ...viaSegments }, viaRegex)
      }),
      { numRuns: 2000 },
    )
  }
})

test('templates with a parameter inside a segment keep the regex', () => {
  assert.equal(compilePath('/files/{name}.txt').segments, undefined)
  assert.equal(compilePath('/v{version}/items').segments, undefined)
  assert.equal(compilePath('/files/{name}.txt').regex!.exec('/files/a.b.txt')?.[1], 'a.b')
})
