// examples/tasks: the task manager end to end through the TestClient, on PGlite in memory and,
// when one is available (test-databases.ts), on a real PostgreSQL: the same code on both.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createApp } from '../../examples/tasks/app.js'
import { loadSettings } from '../../examples/tasks/settings.js'
import { TestClient } from '../../src/index.js'
import { pglite, postgresSkip, scratchPostgres, type TestDatabase } from './test-databases.js'

interface TaskBody {
  id: number
  title: string
  description: string
  status: string
  priority: string
  due_date: string | null
  created_at: string
  updated_at: string
}
interface PageBody {
  items: TaskBody[]
  total: number
  page: number
  limit: number
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`examples/tasks on ${backend}`, { skip: backend === 'postgres' && postgresSkip }, () =>
    suite(backend),
  )
}

function suite(backend: 'pglite' | 'postgres') {
  let database: TestDatabase
  let app: ReturnType<typeof createApp>
  let client: TestClient

  before(async () => {
    database = backend === 'pglite' ? pglite : await scratchPostgres('brisk_tasks')
    app = createApp({ ...loadSettings({}), databaseUrl: database.url, dataDir: undefined })
    client = await TestClient.start(app)
  })
  after(async () => {
    await client?.stop()
    await database?.drop()
  })

  async function signUp(email: string, password = 'correct horse battery') {
    const created = await client.post('/users', { json: { email, name: email.split('@')[0], password } })
    assert.equal(created.status, 201, created.text)
    const login = await client.post('/token', { form: { username: email, password } })
    assert.equal(login.status, 200, login.text)
    const token = login.json<{ access_token: string }>().access_token
    return { headers: { authorization: `Bearer ${token}` } }
  }

  let ada: { headers: Record<string, string> }
  let bob: { headers: Record<string, string> }

  before(async () => {
    ada = await signUp('ada@example.com')
    bob = await signUp('bob@example.com')
  })

  test('sign-up: the user back without the password; the email once only; bad input is a 422', async () => {
    const me = await client.get('/users/me', ada)
    assert.equal(me.status, 200)
    const body = me.json<Record<string, unknown>>()
    assert.equal(body.email, 'ada@example.com')
    assert.equal(body.password_hash, undefined)
    const again = await client.post('/users', {
      json: { email: 'ADA@example.com', name: 'Ada again', password: 'another password' },
    })
    assert.equal(again.status, 409)
    const short = await client.post('/users', {
      json: { email: 'not-an-email', name: '', password: 'short' },
    })
    assert.equal(short.status, 422)
    assert.deepEqual(
      short.json<{ detail: { loc: string[] }[] }>().detail.map((error) => error.loc.join('.')),
      ['body.email', 'body.name', 'body.password'],
    )
  })

  test('login: a wrong password and an unknown email get the same 400; no token, a 401', async () => {
    for (const [username, password] of [
      ['ada@example.com', 'wrong password'],
      ['nobody@example.com', 'correct horse battery'],
    ]) {
      const res = await client.post('/token', { form: { username: username!, password: password! } })
      assert.equal(res.status, 400)
      assert.deepEqual(res.json(), { detail: 'Incorrect email or password' })
    }
    const anonymous = await client.get('/tasks')
    assert.equal(anonymous.status, 401)
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer')
    const forged = await client.get('/tasks', { headers: { authorization: 'Bearer not.a.token' } })
    assert.equal(forged.status, 401)
  })

  test('create, read, update (only what is sent), delete', async () => {
    const created = await client.post('/tasks', {
      ...ada,
      json: { title: ' Write notes ', due_date: '2026-12-24' },
    })
    assert.equal(created.status, 201, created.text)
    const task = created.json<TaskBody>()
    assert.equal(task.title, 'Write notes')
    assert.equal(task.status, 'todo')
    assert.equal(task.priority, 'medium')
    assert.equal(task.due_date, '2026-12-24')

    const patched = await client.patch(`/tasks/${task.id}`, { ...ada, json: { status: 'done' } })
    assert.equal(patched.status, 200, patched.text)
    const updated = patched.json<TaskBody>()
    assert.equal(updated.status, 'done')
    assert.equal(updated.title, 'Write notes', 'a field not sent is kept')
    assert.equal(updated.due_date, '2026-12-24')
    assert.ok(updated.updated_at >= task.updated_at)

    const cleared = await client.patch(`/tasks/${task.id}`, { ...ada, json: { due_date: null } })
    assert.equal(cleared.json<TaskBody>().due_date, null)

    assert.equal((await client.get(`/tasks/${task.id}`, ada)).json<TaskBody>().status, 'done')
    assert.equal((await client.delete(`/tasks/${task.id}`, ada)).status, 204)
    assert.equal((await client.get(`/tasks/${task.id}`, ada)).status, 404)
  })

  test("another user's task is a 404 to read, change or delete", async () => {
    const mine = (await client.post('/tasks', { ...ada, json: { title: 'Private' } })).json<TaskBody>()
    for (const res of [
      await client.get(`/tasks/${mine.id}`, bob),
      await client.patch(`/tasks/${mine.id}`, { ...bob, json: { title: 'Mine now' } }),
      await client.delete(`/tasks/${mine.id}`, bob),
    ]) {
      assert.equal(res.status, 404)
      assert.deepEqual(res.json(), { detail: 'Task not found' })
    }
    assert.equal((await client.get(`/tasks/${mine.id}`, ada)).json<TaskBody>().title, 'Private')
    const bobs = (await client.get('/tasks', bob)).json<PageBody>()
    assert.equal(bobs.total, 0)
  })

  test('list: filters, search (with LIKE wildcards taken literally), sort and pages with a total', async () => {
    const carol = await signUp('carol@example.com')
    const make = (json: Record<string, unknown>) => client.post('/tasks', { ...carol, json })
    await make({ title: 'Buy milk', priority: 'low', due_date: '2026-12-10' })
    await make({
      title: 'File taxes',
      priority: 'high',
      due_date: '2026-12-31',
      description: '100% done soon',
    })
    await make({ title: 'Call Bob', status: 'in_progress', due_date: '2026-12-05' })
    for (let i = 0; i < 7; i++) await make({ title: `Chore ${i}`, status: 'done' })

    const page1 = (await client.get('/tasks', { ...carol, query: { limit: 4 } })).json<PageBody>()
    assert.equal(page1.total, 10)
    assert.equal(page1.items.length, 4)
    const page3 = (await client.get('/tasks', { ...carol, query: { limit: 4, page: 3 } })).json<PageBody>()
    assert.equal(page3.items.length, 2)

    const done = (await client.get('/tasks', { ...carol, query: { status: 'done' } })).json<PageBody>()
    assert.equal(done.total, 7)
    const high = (await client.get('/tasks', { ...carol, query: { priority: 'high' } })).json<PageBody>()
    assert.deepEqual(
      high.items.map((task) => task.title),
      ['File taxes'],
    )
    const soon = (
      await client.get('/tasks', { ...carol, query: { due_before: '2026-12-10', sort: 'due' } })
    ).json<PageBody>()
    assert.deepEqual(
      soon.items.map((task) => task.title),
      ['Call Bob', 'Buy milk'],
    )
    const search = (await client.get('/tasks', { ...carol, query: { q: 'TAX' } })).json<PageBody>()
    assert.deepEqual(
      search.items.map((task) => task.title),
      ['File taxes'],
    )
    const percent = (await client.get('/tasks', { ...carol, query: { q: '%' } })).json<PageBody>()
    assert.deepEqual(
      percent.items.map((task) => task.title),
      ['File taxes'],
      '% matches only a literal %',
    )

    const bad = await client.get('/tasks', {
      ...carol,
      query: { status: 'maybe', limit: 1000, due_before: 'soon' },
    })
    assert.equal(bad.status, 422)
    assert.deepEqual(
      bad.json<{ detail: { loc: string[] }[] }>().detail.map((error) => error.loc.join('.')),
      ['query.status', 'query.due_before', 'query.limit'],
    )
  })

  test('the OpenAPI document lists every route, the models and the OAuth2 password flow', () => {
    const document = app.openapi() as {
      paths: Record<string, Record<string, unknown>>
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
    }
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/health',
      '/tasks',
      '/tasks/{task_id}',
      '/token',
      '/users',
      '/users/me',
    ])
    for (const name of ['Task', 'TaskCreate', 'TaskUpdate', 'TaskPage', 'User', 'UserCreate', 'Token'])
      assert.ok(name in document.components.schemas, name)
    assert.deepEqual(document.components.securitySchemes.OAuth2PasswordBearer, {
      type: 'oauth2',
      flows: { password: { scopes: {}, tokenUrl: 'token' } },
    })
  })
}
