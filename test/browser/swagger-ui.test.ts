import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { app } from '../../examples/hello/app.js'
import { browserTest, type DocsBrowser, noBrowser, startDocsBrowser, waitForShown } from './helpers.js'

// One browser for the whole file, none at all when Chromium is missing; a new page per test.
describe('Swagger UI at /docs, in Chromium with the network blocked', () => {
  let browser: DocsBrowser

  before(async () => {
    if (noBrowser === undefined) browser = await startDocsBrowser(app)
  })

  after(async () => {
    await browser?.close()
  })

  test('renders the app’s operations from local files only', browserTest, async () => {
    const { page, blocked, problems } = await browser.newPage()
    await page.goto(`${browser.url}/docs`)
    assert.equal(await page.title(), 'Hello Brisk - Swagger UI')
    const paths = page.locator('.opblock-summary-path')
    await waitForShown(paths, 'The list of operations')
    assert.deepEqual(await paths.evaluateAll((nodes) => nodes.map((node) => node.dataset.path)), [
      '/',
      '/items/{item_id}',
      '/items/',
    ])
    assert.deepEqual(blocked, [], 'Swagger UI needed something from another origin')
    assert.deepEqual(problems, [])
  })

  test('"Try it out" on GET /items/{item_id} shows the live 200 response', browserTest, async () => {
    const { page, blocked, problems } = await browser.newPage()
    await page.goto(`${browser.url}/docs`)
    const operation = page.locator('#operations-default-read_item_items__item_id__get')
    await operation.locator('.opblock-summary-control').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.locator('tr[data-param-name="item_id"] input').fill('foo')
    await operation.getByRole('button', { name: 'Execute' }).click()

    const response = operation.locator('.live-responses-table tr.response')
    await waitForShown(response, 'The live response')
    // Swagger UI calls the origin it was served from, since the document lists no servers.
    const requestUrl = await operation.locator('.request-url pre').innerText()
    assert.ok(requestUrl.startsWith(`${browser.url}/items/foo`), requestUrl)
    assert.equal((await response.locator('.response-col_status').innerText()).trim(), '200')
    const body = await response.locator('.highlight-code code').innerText()
    assert.match(body, /"name": "Foo"/)
    assert.deepEqual(JSON.parse(body), { item_id: 'foo', name: 'Foo', price: 50.2, short: false })
    assert.deepEqual(blocked, [])
    assert.deepEqual(problems, [])
  })
})
