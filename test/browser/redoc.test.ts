import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { app } from '../../examples/hello/app.js'
import {
  browserTest,
  type DocsBrowser,
  noBrowser,
  redocLogoUrl,
  startDocsBrowser,
  waitForShown,
} from './helpers.js'

// One browser for the whole file, none at all when Chromium is missing; a new page per test.
describe('ReDoc at /redoc, in Chromium with the network blocked', () => {
  let browser: DocsBrowser

  before(async () => {
    if (noBrowser === undefined) browser = await startDocsBrowser(app)
  })

  after(async () => {
    await browser?.close()
  })

  test('lists the app’s operations, with ReDoc’s bundle from this server', browserTest, async () => {
    const { page, blocked, problems } = await browser.newPage()
    const bundle = page.waitForResponse((response) => response.url().endsWith('/redoc.standalone.js'))
    // The footer logo is requested once the side menu renders. Its `requestfailed` comes after the
    // route handler has recorded it (the `request` event may come before), so waiting for it keeps
    // the check of blocked URLs below from racing the request.
    const logo = page
      .waitForEvent('requestfailed', (request) => request.url() === redocLogoUrl)
      .catch(() => undefined)
    await page.goto(`${browser.url}/redoc`)
    assert.equal(await page.title(), 'Hello Brisk - ReDoc')

    const served = await bundle
    assert.equal(served.url(), `${browser.url}/docs/assets/redoc.standalone.js`)
    assert.equal(served.status(), 200)

    const items = page.locator('.menu-content [role="menuitem"]')
    await waitForShown(items, 'The side menu')
    const labels = await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')))
    assert.deepEqual(labels, ['Root', 'Read Item', 'Create Item'])
    // The operations themselves render too, not only the menu.
    assert.deepEqual(await page.locator('h2').allInnerTexts(), ['Root', 'Read Item', 'Create Item'])

    await logo
    assert.deepEqual(blocked, [redocLogoUrl], 'ReDoc needed something else from another origin')
    assert.deepEqual(problems, [])
  })
})
