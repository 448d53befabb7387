// Which dependencies the per-request cache keeps apart per scope set. Keying too little lets a
// permission check run once for two different requirements; keying too much opens two database
// sessions in one request. Brisk reads each function's parameter list once to decide.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, depends, HTTPException, security, TestClient } from '../../src/index.js'

/** The scopes a request was granted, from a test header. */
const granted = (ctx: { header(name: string): string | undefined }) =>
  (ctx.header('x-granted') ?? '').split(' ')

function appWith(check: ReturnType<typeof depends>) {
  const user = depends({ c: check }, ({ c }) => c)
  const app = new App()
  app.get(
    '/r',
    { deps: { a: security(user, { scopes: ['read'] }), b: security(user, { scopes: ['admin'] }) } },
    ({ a, b }) => ({ a, b }),
  )
  return new TestClient(app)
}

const policy = {
  enforce(args: {
    scopes: { scopes: readonly string[] }
    ctx: { header(name: string): string | undefined }
  }) {
    for (const scope of args.scopes.scopes) {
      if (!granted(args.ctx).includes(scope)) throw new HTTPException(403, `missing ${scope}`)
    }
    return 'ok'
  },
}

describe('a check that reads scopes is never shared across scope sets', () => {
  test('even when it hands its whole argument to a helper', async () => {
    const client = appWith(depends((args) => policy.enforce(args)))
    const res = await client.get('/r', { headers: { 'x-granted': 'read' } })
    assert.equal(res.status, 403)
    assert.deepEqual(res.json(), { detail: 'missing admin' })
  })

  test('with a destructured `scopes`, or a rest element', async () => {
    for (const check of [
      depends(({ scopes, ctx }) => policy.enforce({ scopes, ctx })),
      depends(({ ...args }) => policy.enforce(args as never)),
    ]) {
      const res = await appWith(check).get('/r', { headers: { 'x-granted': 'read' } })
      assert.equal(res.status, 403)
    }
    const allowed = await appWith(depends((args) => policy.enforce(args))).get('/r', {
      headers: { 'x-granted': 'read admin' },
    })
    assert.deepEqual(allowed.json(), { a: 'ok', b: 'ok' })
  })
})

describe('a dependency that cannot read scopes is shared', () => {
  test('no argument, or a destructured one without scopes: one call per request', async () => {
    let sessions = 0
    const getDb = depends(async function* () {
      sessions++
      yield { id: sessions }
    })
    let lookups = 0
    const settings = depends(({ ctx }) => {
      lookups++
      return ctx.method
    })
    const user = depends({ db: getDb, settings }, ({ db }) => db.id)
    const app = new App()
    app.get(
      '/r',
      {
        deps: {
          a: security(user, { scopes: ['read'] }),
          b: security(user, { scopes: ['admin'] }),
          db: getDb,
        },
      },
      ({ a, b, db }) => ({ a, b, db: db.id }),
    )
    const res = await new TestClient(app).get('/r')
    assert.deepEqual(res.json(), { a: 1, b: 1, db: 1 })
    assert.equal(sessions, 1)
    assert.equal(lookups, 1)
  })
})
