// Type tests for dependency injection: checked by `npm run typecheck`; the test only makes them
// part of the suite (and runs the handlers once, so they are not dead code).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import {
  App,
  type BackgroundTasks,
  ConfigError,
  type Dependency,
  type DependencyValue,
  depends,
  type RequestContext,
  type ResponseParams,
  TestClient,
} from '../../src/index.js'

interface Db {
  query(sql: string): string[]
}

const commonParameters = depends(
  {
    query: { q: z.string().nullable().default(null), skip: z.int().default(0), limit: z.int().default(100) },
  },
  ({ query }) => query,
)
const getDb = depends(async function* () {
  const db: Db = { query: (sql) => [sql] }
  yield db
})
const getUsername = depends(function* () {
  yield 'Rick'
})
const counter = depends(async () => 1)
const userId = depends({ headers: { x_user: z.int() } }, ({ headers }) => headers.x_user)
const currentUser = depends(
  { db: getDb, id: userId, path: { org: z.string() }, cookies: { session: z.string().optional() } },
  ({ db, id, path, cookies, request, response, state, ctx, background }) => {
    expectTypeOf(db).toEqualTypeOf<Db>()
    expectTypeOf(id).toEqualTypeOf<number>()
    expectTypeOf(path.org).toEqualTypeOf<string>()
    expectTypeOf(cookies.session).toEqualTypeOf<string | undefined>()
    expectTypeOf(request).toEqualTypeOf<Request>()
    expectTypeOf(response).toEqualTypeOf<ResponseParams>()
    expectTypeOf(state).toEqualTypeOf<Record<string, unknown>>()
    expectTypeOf(ctx).toEqualTypeOf<RequestContext>()
    expectTypeOf(background).toEqualTypeOf<BackgroundTasks>()
    // @ts-expect-error a number is not a string
    const wrong: string = id
    void wrong
    return { id, org: path.org, name: db.query('select name')[0] ?? '' }
  },
)

test('dependency values are typed, from every kind of function', () => {
  expectTypeOf(commonParameters).toEqualTypeOf<
    Dependency<{ q: string | null; skip: number; limit: number }>
  >()
  expectTypeOf<DependencyValue<typeof getDb>>().toEqualTypeOf<Db>()
  expectTypeOf<DependencyValue<typeof getUsername>>().toEqualTypeOf<string>()
  expectTypeOf<DependencyValue<typeof counter>>().toEqualTypeOf<number>()
  expectTypeOf<DependencyValue<typeof currentUser>>().toEqualTypeOf<{
    id: number
    org: string
    name: string
  }>()
})

test('a handler receives each named dependency with its resolved type', async () => {
  const app = new App()
  app.get(
    '/orgs/{org}/items',
    {
      path: { org: z.string() },
      deps: {
        commons: commonParameters,
        db: getDb,
        username: getUsername,
        user: currentUser,
        count: counter,
      },
      dependencies: [userId],
    },
    ({ commons, db, username, user, count, path }) => {
      expectTypeOf(commons.skip).toEqualTypeOf<number>()
      expectTypeOf(commons.q).toEqualTypeOf<string | null>()
      expectTypeOf(db).toEqualTypeOf<Db>()
      expectTypeOf(username).toEqualTypeOf<string>()
      expectTypeOf(user.id).toEqualTypeOf<number>()
      expectTypeOf(count).toEqualTypeOf<number>()
      expectTypeOf(path.org).toEqualTypeOf<string>()
      // @ts-expect-error the yielded value is a string, not a number
      const n: number = username
      // @ts-expect-error a Db has no `close`
      const close = () => db.close()
      void close
      void n
      return { commons, username, user, count }
    },
  )
  app.get('/plain', { deps: { count: counter } }, (c) => {
    // @ts-expect-error only declared dependencies are on the context
    void c.username
    return c.count
  })
  const res = await new TestClient(app).get('/orgs/acme/items', { headers: { 'x-user': '7' } })
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json(), {
    commons: { q: null, skip: 0, limit: 100 },
    username: 'Rick',
    user: { id: 7, org: 'acme', name: 'select name' },
    count: 1,
  })
})

test('misuse of depends() does not compile', () => {
  // @ts-expect-error an override must resolve to the same type
  new App().dependencyOverrides.set(counter, getUsername)
  // @ts-expect-error the function must take the declared inputs, not others
  depends({ db: getDb }, ({ user }: { user: string }) => user)
  // @ts-expect-error `nope` is not one of the declared inputs
  depends({ db: getDb }, ({ nope }) => nope)
  // Wrong option values do not compile, and a JavaScript caller gets a ConfigError at declaration.
  // @ts-expect-error cache is a boolean
  assert.throws(() => depends(() => 1, { cache: 'no' }), ConfigError)
  // @ts-expect-error scope is 'request' or 'function'
  assert.throws(() => depends(() => 1, { scope: 'app' }), ConfigError)
})
