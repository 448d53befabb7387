import { existsSync } from 'node:fs'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import type { App } from '../../src/index.js'

/** Debian's package; CI installs it (see .ci/run). Playwright's own browser downloads are not used. */
export const chromiumPath = '/usr/bin/chromium'

/** Why the browser tests are skipped; undefined when Chromium is there. */
export const noBrowser: string | undefined = existsSync(chromiumPath)
  ? undefined
  : `no Chromium at ${chromiumPath}; install Debian's chromium package to run the browser tests`

/**
 * Options for each browser test: skipped with the reason above (on the test rather than the suite,
 * so node:test's summary counts them as skipped), and 30 s at most, actions included.
 */
export const browserTest = { skip: noBrowser, timeout: 30_000 } as const

/**
 * ReDoc 2.x renders "API docs by Redocly" under its side menu with a logo hard-wired to this URL
 * (no option turns it off); the image hides itself when it fails to load, so blocking it is harmless.
 */
export const redocLogoUrl = 'https://cdn.redoc.ly/redoc/logo-mini.svg'

/** A served app and a headless Chromium whose pages may only reach the app's origin. */
export interface DocsBrowser {
  /** The server's origin, `http://127.0.0.1:{port}`. */
  readonly url: string
  /** A new blank page with its own profile, so tests do not see each other's traffic. */
  newPage(): Promise<DocsPage>
  /** Closes the browser, then the server. */
  close(): Promise<void>
}

/** One page and what it tried to do. */
export interface DocsPage {
  readonly page: Page
  /** Every URL the page tried to load from another origin, in order; each was aborted. */
  readonly blocked: readonly string[]
  /**
   * What went wrong that a user would see: uncaught exceptions in the page, answers of 400 and up,
   * and requests that failed for another reason than being blocked.
   */
  readonly problems: readonly string[]
}

/** Each action waits at most this long: room for a loaded CI machine, still inside the test's 30 s. */
const ACTION_TIMEOUT_MS = 15_000

/**
 * Serves `app` on a free port of 127.0.0.1 and starts a headless Chromium that may only reach that
 * origin, so a docs page passes only if everything it needs is served by Brisk itself (the point
 * of bundling swagger-ui-dist and redoc). Each call has its own port and browser, so test files
 * running side by side share nothing.
 */
export async function startDocsBrowser(app: App): Promise<DocsBrowser> {
  const server = await app.listen({ port: 0, host: '127.0.0.1', handleSignals: false, gracePeriodMs: 1000 })
  return browserFor(server.url, () => server.close())
}

/**
 * A headless Chromium whose pages may only reach `url`'s origin, for a server started some other
 * way (a child process); `stopServer` runs after the browser closes.
 */
export async function browserFor(url: string, stopServer: () => Promise<void>): Promise<DocsBrowser> {
  let browser: Browser | undefined
  try {
    browser = await launchChromium()
    const started = browser
    return {
      url,
      newPage: () => openPage(started, url),
      close: () => closeAll(started, stopServer),
    }
  } catch (error) {
    await closeAll(browser, stopServer)
    throw error
  }
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // As root (CI, containers) Chromium refuses to start with its sandbox; Playwright then passes
    // `--no-sandbox`. `--disable-dev-shm-usage` is in Playwright's defaults already.
    chromiumSandbox: false,
    // Belt and braces under `context.route`: a request the router does not see (the browser's
    // own background traffic) cannot resolve a host name either.
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    timeout: 20_000,
  })
}

async function openPage(browser: Browser, url: string): Promise<DocsPage> {
  const origin = new URL(url).origin
  // A service worker's fetches would bypass `context.route`; neither docs page registers one.
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const blocked: string[] = []
  await context.route('**/*', (route) => {
    const requested = route.request().url()
    if (new URL(requested).origin === origin) return route.continue()
    blocked.push(requested)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.setDefaultTimeout(ACTION_TIMEOUT_MS)
  page.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`uncaught ${error.message}`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
  })
  page.on('requestfailed', (request) => {
    if (!blocked.includes(request.url())) problems.push(`${request.failure()?.errorText} ${request.url()}`)
  })
  return { page, blocked, problems }
}

/**
 * Waits until `locator` shows; when it never does, fails with the text the page shows instead
 * (ReDoc and Swagger UI both print why they could not render) rather than a bare timeout.
 */
export async function waitForShown(locator: Locator, what: string): Promise<void> {
  try {
    await locator.first().waitFor()
  } catch (error) {
    const shown = await locator
      .page()
      .locator('body')
      .innerText({ timeout: 1000 })
      .catch(() => '(nothing)')
    throw new Error(`${what} never showed; the page shows:\n${shown.slice(0, 2000)}`, { cause: error })
  }
}

async function closeAll(browser: Browser | undefined, stopServer: () => Promise<void>): Promise<void> {
  // The browser first: its keep-alive connections would otherwise hold the server's grace period.
  try {
    await browser?.close()
  } finally {
    await stopServer()
  }
}
