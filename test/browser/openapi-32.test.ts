import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, silentLogger } from '../../src/index.js'
import { browserTest, type DocsBrowser, noBrowser, startDocsBrowser, waitForShown } from './helpers.js'

/** A 3.2 document with a JSON Lines and an SSE stream, the only 3.2 fields Brisk writes. */
function streamingApp(): App {
  const app = new App({ title: 'Streams', openapiVersion: '3.2.0', logger: silentLogger })
  const Tick = z.object({ n: z.int() }).meta({ id: 'Tick' })
  app.get('/lines', { response: Tick }, async function* lines() {
    yield { n: 1 }
  })
  app.get('/events', { stream: 'sse', response: Tick }, async function* events() {
    yield { n: 1 }
  })
  return app
}

// What a user of `openapiVersion: '3.2.0'` sees in the docs pages this Brisk bundles.
describe('an OpenAPI 3.2 document in the bundled docs pages', () => {
  let browser: DocsBrowser

  before(async () => {
    if (noBrowser === undefined) browser = await startDocsBrowser(streamingApp())
  })

  after(async () => {
    await browser?.close()
  })

  // Both render the document and its operations; neither shows a 3.2 `itemSchema` yet
  // (swagger-ui-dist 5.x, redoc 2.x), which docs/openapi.md says.
  test('Swagger UI lists the operations of a 3.2 document, with their media types', browserTest, async () => {
    const { page, blocked, problems } = await browser.newPage()
    await page.goto(`${browser.url}/docs`)
    const paths = page.locator('.opblock-summary-path')
    await waitForShown(paths, 'The list of operations')
    assert.deepEqual(await paths.evaluateAll((nodes) => nodes.map((node) => node.dataset.path)), [
      '/lines',
      '/events',
    ])
    assert.match(await page.locator('.info').innerText(), /OAS 3\.2/)
    const lines = page.locator('#operations-default-lines_lines_get')
    await lines.locator('.opblock-summary-control').click()
    const mediaType = lines.locator('.response-control-media-type select')
    await waitForShown(mediaType, 'The response media type')
    assert.equal(await mediaType.inputValue(), 'application/jsonl')
    assert.deepEqual(blocked, [])
    assert.deepEqual(problems, [])
  })

  test('ReDoc renders each operation of a 3.2 document', browserTest, async () => {
    const { page, problems } = await browser.newPage()
    await page.goto(`${browser.url}/redoc`)
    const headings = page.locator('h2')
    await waitForShown(headings, 'The operations')
    assert.deepEqual(await headings.allInnerTexts(), ['Lines', 'Events'])
    assert.deepEqual(problems, [])
  })
})
