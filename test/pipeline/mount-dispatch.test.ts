// The composable dispatch app.mount builds on: a mount entry of the route table
// hands the request to the app below with its path and root path shifted, as Starlette's Mount
// passes a child scope. Exercised here through the internal Dispatcher.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { handleFetch } from '../../src/adapters/fetch-adapter.js'
import { runtimeOf } from '../../src/app-runtime.js'
import { App, HTTPException, json, silentLogger } from '../../src/index.js'
import { Dispatcher } from '../../src/pipeline/dispatch.js'
import { ExceptionHandlers } from '../../src/pipeline/exception-handlers.js'
import { compilePath } from '../../src/routing/path-template.js'
import { RouteTable } from '../../src/routing/route-table.js'

function mountedApp() {
  const child = new App({ title: 'Child' })
  child.use(async (ctx, next) => {
    const reply = await next()
    reply.headers.set('x-child', `${ctx.rootPath}|${ctx.path}`)
    return reply
  })
  child.get('/items/{id}', { path: { id: z.int() } }, ({ path, rootPath }) => ({ id: path.id, rootPath }))
  child.get('/teapot', () => {
    throw new HTTPException(418)
  })
  child.exceptionHandler(418, () => json({ child: 'handled' }, { status: 418 }))
  const table = new RouteTable([
    { kind: 'mount', template: compilePath('/orgs/{org}/api'), value: runtimeOf(child).dispatcher() },
  ])
  const parent = new Dispatcher({
    table,
    middleware: [],
    handlers: new ExceptionHandlers(),
    rootPath: '/proxy',
    redirectSlashes: true,
    debug: false,
    logger: silentLogger,
  })
  const app = {
    dispatcher: () => parent,
    limits: child.limits,
    requestState: () => ({}),
    logger: silentLogger,
  }
  return (path: string) => handleFetch(app, new Request(`http://test${path}`))
}

describe('a mount entry serves the app below it', () => {
  const get = mountedApp()

  test('the child routes on the rest of the path and sees the prefix as its root path', async () => {
    const res = await get('/proxy/orgs/acme/api/items/3')
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { id: 3, rootPath: '/proxy/orgs/acme/api' })
    // The child's own middleware ran, with the shifted path.
    assert.equal(res.headers.get('x-child'), '/proxy/orgs/acme/api|/items/3')
  })

  test("the child's exception handlers and validation answer for it", async () => {
    const teapot = await get('/proxy/orgs/acme/api/teapot')
    assert.equal(teapot.status, 418)
    assert.deepEqual(await teapot.json(), { child: 'handled' })
    const invalid = await get('/proxy/orgs/acme/api/items/x')
    assert.equal(invalid.status, 422)
    assert.deepEqual((await invalid.json()).detail[0].loc, ['path', 'id'])
  })

  test("the child's docs and document live under the prefix, with servers set", async () => {
    const docs = await get('/proxy/orgs/acme/api/docs')
    assert.equal(docs.status, 200)
    const page = await docs.text()
    assert.ok(page.includes("url: '/proxy/orgs/acme/api/openapi.json',"))
    assert.ok(page.includes('<script src="/proxy/orgs/acme/api/docs/assets/swagger-ui-bundle.js"></script>'))
    const document = await (await get('/proxy/orgs/acme/api/openapi.json')).json()
    assert.deepEqual(document.servers, [{ url: '/proxy/orgs/acme/api' }])
    assert.deepEqual(Object.keys(document.paths), ['/items/{id}', '/teapot'])
  })

  test('the bare prefix redirects to the prefix with a slash; a miss below it is the child’s 404', async () => {
    const bare = await get('/proxy/orgs/acme/api')
    assert.equal(bare.status, 307)
    assert.equal(bare.headers.get('location'), '/proxy/orgs/acme/api/')
    const missing = await get('/proxy/orgs/acme/api/nothing')
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('x-child'), '/proxy/orgs/acme/api|/nothing')
  })
})
