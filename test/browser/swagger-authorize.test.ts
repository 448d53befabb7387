import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Locator, Page, Request } from 'playwright-core'
import { app } from '../../examples/oauth2-jwt/app.js'
import { browserTest, type DocsBrowser, noBrowser, startDocsBrowser, waitForShown } from './helpers.js'

/**
 * The calls Swagger UI makes to the API itself, as `METHOD /path`: everything but its own page,
 * assets and the OpenAPI document. A `request` event comes before the response Swagger UI shows,
 * so once a live response is on screen the call that produced it is in the list.
 */
function recordApiCalls(page: Page): string[] {
  const calls: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname !== '/openapi.json' && pathname !== '/docs' && !pathname.startsWith('/docs/')) {
      calls.push(`${request.method()} ${pathname}`)
    }
  })
  return calls
}

/** Expands GET /users/me/, presses "Try it out" then "Execute"; resolves with the request sent. */
async function executeReadUsersMe(
  page: Page,
  url: string,
): Promise<{ operation: Locator; request: Request }> {
  const operation = page.locator('#operations-default-read_users_me_users_me__get')
  await operation.locator('.opblock-summary-control').click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  const sent = page.waitForRequest((request) => request.url() === `${url}/users/me/`)
  await operation.getByRole('button', { name: 'Execute' }).click()
  const request = await sent
  await waitForShown(operation.locator('.live-responses-table tr.response'), 'The live response')
  return { operation, request }
}

// One browser for the whole file, none at all when Chromium is missing; a new page (and profile,
// so no stored authorization) per test.
describe('Swagger UI’s "Authorize" with the OAuth2 password flow, in Chromium with the network blocked', () => {
  let browser: DocsBrowser

  before(async () => {
    if (noBrowser === undefined) browser = await startDocsBrowser(app)
  })

  after(async () => {
    await browser?.close()
  })

  test(
    'logs in at /token, then "Try it out" on GET /users/me/ sends the bearer token',
    browserTest,
    async () => {
      const { page, blocked, problems } = await browser.newPage()
      const calls = recordApiCalls(page)
      await page.goto(`${browser.url}/docs`)
      // `exact`: once authorized, the dialog's "Logout" button also has the class `authorize`.
      const authorize = page.getByRole('button', { name: 'Authorize', exact: true })
      await waitForShown(authorize, 'The "Authorize" button')
      await authorize.click()

      const dialog = page.locator('.dialog-ux .modal-ux')
      await dialog.getByLabel('username:').fill('johndoe')
      await dialog.getByLabel('password:', { exact: true }).fill('secret')
      for (const scope of ['me', 'items']) {
        // Swagger UI hides the checkbox itself and draws a box in its label, which is what a user clicks.
        await dialog.locator(`.scopes .checkbox:has(input[data-value="${scope}"]) label`).click()
        assert.ok(await dialog.locator(`input[data-value="${scope}"]`).isChecked(), `scope ${scope} ticked`)
      }
      const sentToken = page.waitForRequest((request) => request.url() === `${browser.url}/token`)
      // The dialog's "Authorize" button, named by its aria-label.
      await dialog.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click()

      // `tokenUrl: 'token'` is relative: Swagger UI resolves it against the document's URL, so the
      // form goes to this origin's /token, urlencoded as RFC 6749 §4.3.2 asks (no CORS involved).
      const tokenRequest = await sentToken
      assert.equal(tokenRequest.method(), 'POST')
      assert.equal(await tokenRequest.headerValue('content-type'), 'application/x-www-form-urlencoded')
      const form = new URLSearchParams(tokenRequest.postData() ?? '')
      assert.equal(form.get('grant_type'), 'password')
      assert.equal(form.get('username'), 'johndoe')
      assert.equal(form.get('password'), 'secret')
      assert.equal(form.get('scope'), 'me items')
      const tokenResponse = await tokenRequest.response()
      assert.equal(tokenResponse?.status(), 200)
      const { access_token, token_type } = await tokenResponse.json()
      assert.equal(token_type, 'bearer')

      // Authorized: the dialog shows the user and swaps "Authorize" for "Logout".
      const logout = dialog.getByRole('button', { name: 'Remove authorization' })
      await waitForShown(logout, 'The "Logout" button')
      assert.equal(await logout.innerText(), 'Logout')
      assert.equal(await dialog.locator('h6').innerText(), 'Authorized')
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'detached' })
      assert.match((await authorize.getAttribute('class')) ?? '', /\blocked\b/, 'the padlock shows closed')

      const { operation, request } = await executeReadUsersMe(page, browser.url)
      assert.equal(await request.headerValue('authorization'), `Bearer ${access_token}`)
      const response = operation.locator('.live-responses-table tr.response')
      assert.equal((await response.locator('.response-col_status').innerText()).trim(), '200')
      const body = await response.locator('.highlight-code code').innerText()
      assert.match(body, /"username": "johndoe"/)
      assert.deepEqual(JSON.parse(body), {
        username: 'johndoe',
        email: 'johndoe@example.com',
        full_name: 'John Doe',
        disabled: false,
      })
      assert.deepEqual(calls, ['POST /token', 'GET /users/me/'])
      assert.deepEqual(blocked, [], 'Swagger UI needed something from another origin')
      assert.deepEqual(problems, [])
    },
  )

  test('without authorizing, "Try it out" on GET /users/me/ shows the 401', browserTest, async () => {
    const { page, blocked, problems } = await browser.newPage()
    const calls = recordApiCalls(page)
    await page.goto(`${browser.url}/docs`)

    const { operation, request } = await executeReadUsersMe(page, browser.url)
    assert.equal(await request.headerValue('authorization'), null)
    const response = operation.locator('.live-responses-table tr.response')
    // Not marked "Undocumented", as it would be in FastAPI: the example sets
    // `openapiSecurityResponses`, so the document lists the 401.
    assert.deepEqual((await response.locator('.response-col_status').innerText()).split(/\s+/), ['401'])
    const body = await response.locator('.highlight-code code').innerText()
    assert.match(body, /"detail": "Not authenticated"/)
    assert.deepEqual(JSON.parse(body), { detail: 'Not authenticated' })
    // The challenge FastAPI's OAuth2PasswordBearer sends, readable here since the call is same-origin.
    assert.match(await response.locator('.response-col_description').innerText(), /www-authenticate: Bearer/)
    assert.deepEqual(calls, ['GET /users/me/'])
    assert.deepEqual(blocked, [], 'Swagger UI needed something from another origin')
    assert.deepEqual(problems, [`401 ${browser.url}/users/me/`], 'the 401 is the only error')
  })
})
