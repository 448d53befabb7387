// The docs pages (FastAPI `fastapi/openapi/docs.py`, `applications.py` `setup`), served offline:
// FastAPI's assertions from `tests/test_application.py`, `test_swagger_ui_init_oauth.py`,
// `test_swagger_ui_escape.py` and `test_configure_swagger_ui`, plus the bundled asset routes.
import assert from 'node:assert/strict'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { App, ConfigError, HTTPException, TestClient } from '../../src/index.js'
import { DocsAssetLocator } from '../../src/openapi/docs-assets.js'
import {
  oauth2RedirectHtml,
  redocHtml,
  redocMissingHtml,
  swaggerUiHtml,
} from '../../src/openapi/docs-html.js'
import { type DocsOptions, docsRouter } from '../../src/openapi/docs-routes.js'

const SPEC = '{"openapi":"3.1.0"}'

function clientFor(options: Partial<DocsOptions> = {}): TestClient {
  // The app's own docs routes are off: these tests mount the router under test by hand.
  const app = new App({ openapiUrl: null })
  app.include(docsRouter({ title: 'FastAPI', ...options }, () => SPEC))
  return new TestClient(app)
}

describe('default routes', () => {
  const client = clientFor()

  test('/openapi.json answers the JSON string as given', async () => {
    const res = await client.get('/openapi.json')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(res.text, SPEC)
  })

  test('/docs is the Swagger UI page, as FastAPI writes it', async () => {
    const res = await client.get('/docs')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.match(res.text, /<title>FastAPI - Swagger UI<\/title>/)
    assert.match(res.text, /const ui = SwaggerUIBundle\(\{\n\s*url: '\/openapi\.json',\n/)
    for (const line of [
      '"dom_id": "#swagger-ui",',
      '"layout": "BaseLayout",',
      '"deepLinking": true,',
      '"showExtensions": true,',
      '"showCommonExtensions": true,',
      "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect',",
    ]) {
      assert.ok(res.text.includes(line), line)
    }
    assert.match(res.text, /SwaggerUIBundle\.presets\.apis,\s*SwaggerUIBundle\.SwaggerUIStandalonePreset/)
    assert.ok(!res.text.includes('ui.initOAuth'))
  })

  test('the pages load only files from this server', async () => {
    const docs = (await client.get('/docs')).text
    const redoc = (await client.get('/redoc')).text
    const redirect = (await client.get('/docs/oauth2-redirect')).text
    for (const page of [docs, redoc, redirect]) assert.doesNotMatch(page, /https?:\/\//)
    assert.ok(docs.includes('<script src="/docs/assets/swagger-ui-bundle.js"></script>'))
    assert.ok(docs.includes('href="/docs/assets/swagger-ui.css"'))
    assert.ok(docs.includes('href="/docs/assets/favicon-32x32.png"'))
    assert.ok(redoc.includes('<script src="/docs/assets/redoc.standalone.js">'))
  })

  test("/docs/oauth2-redirect is swagger-ui-dist's redirect page", async () => {
    const res = await client.get('/docs/oauth2-redirect')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.ok(res.text.includes('window.opener.swaggerUIRedirectOauth2'))
  })

  test('/redoc is the ReDoc page, without Google Fonts by default', async () => {
    const res = await client.get('/redoc')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.ok(res.text.includes('<redoc spec-url="/openapi.json"></redoc>'))
    assert.ok(res.text.includes('<title>FastAPI - ReDoc</title>'))
    assert.ok(!res.text.includes('fonts.googleapis.com'))
  })

  test('the routes stay out of the schema', () => {
    const router = docsRouter({ title: 'X' }, () => SPEC)
    assert.equal(router.settings.includeInSchema, false)
    for (const entry of router.entries) {
      assert.equal(entry.kind, 'route')
      if (entry.kind === 'route') assert.equal(entry.route.options.includeInSchema, false)
    }
  })
})

describe('assets', () => {
  const client = clientFor()

  for (const [name, type] of [
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['favicon-32x32.png', 'image/png'],
    ['redoc.standalone.js', 'text/javascript; charset=utf-8'],
  ] as const) {
    test(`${name} is sent as ${type}, cacheable`, async () => {
      const res = await client.get(`/docs/assets/${name}`)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), type)
      assert.equal(res.headers.get('cache-control'), 'public, max-age=86400')
      assert.ok(Number(res.headers.get('content-length')) > 0)
      assert.equal(res.headers.get('content-disposition'), null)
    })
  }

  test('a matching If-None-Match answers 304', async () => {
    const first = await client.get('/docs/assets/swagger-ui.css')
    const etag = first.headers.get('etag')
    assert.ok(etag)
    const again = await client.get('/docs/assets/swagger-ui.css', { headers: { 'if-none-match': etag } })
    assert.equal(again.status, 304)
    assert.equal(again.text, '')
    assert.equal(again.headers.get('etag'), etag)
    assert.equal(again.headers.get('cache-control'), 'public, max-age=86400')
  })

  test('the bundle is the Swagger UI script', async () => {
    const res = await client.get('/docs/assets/swagger-ui-bundle.js')
    assert.ok(res.text.includes('SwaggerUIBundle'))
  })

  for (const path of [
    '/docs/assets/index.html',
    '/docs/assets/swagger-ui-bundle.js.map',
    '/docs/assets/oauth2-redirect.js',
    '/docs/assets/..%2fpackage.json',
    '/docs/assets/..%2f..%2fpackage.json',
    '/docs/assets/%2e%2e/%2e%2e/package.json',
    '/docs/assets/swagger-ui.css%00.js',
    '/docs/assets/',
  ]) {
    test(`${path} is 404`, async () => {
      assert.equal((await client.get(path)).status, 404)
    })
  }
})

describe('Swagger UI options', () => {
  test('parameters merge over the defaults (FastAPI test_configure_swagger_ui)', async () => {
    const client = clientFor({ swaggerUiParameters: { syntaxHighlight: false, deepLinking: false } })
    const text = (await client.get('/docs')).text
    assert.ok(text.includes('"syntaxHighlight": false,'))
    assert.ok(text.includes('"deepLinking": false,'))
    assert.ok(!text.includes('"deepLinking": true'))
    assert.ok(text.includes('"dom_id": "#swagger-ui",'))
  })

  test('nested values use Python json.dumps spacing', () => {
    const page = swaggerUiHtml({
      openapiUrl: '/openapi.json',
      title: 'T',
      jsUrl: '/a.js',
      cssUrl: '/a.css',
      faviconUrl: '/a.png',
      parameters: { syntaxHighlight: { activate: true, theme: 'obsidian' }, list: [1, 'é'] },
    })
    assert.ok(page.includes('"syntaxHighlight": {"activate": true, "theme": "obsidian"},'))
    assert.ok(page.includes('"list": [1, "\\u00e9"],'))
  })

  test('initOAuth is called with the options (FastAPI test_swagger_ui_init_oauth)', async () => {
    const client = clientFor({
      swaggerUiInitOAuth: { clientId: 'the-foo-clients', appName: 'The Predendapp' },
    })
    const text = (await client.get('/docs')).text
    assert.ok(text.includes('ui.initOAuth'))
    assert.ok(text.includes('"appName": "The Predendapp"'))
    assert.ok(text.includes('"clientId": "the-foo-clients"'))
  })

  test("an empty initOAuth is left out, as FastAPI's `if init_oauth:`", async () => {
    const text = (await clientFor({ swaggerUiInitOAuth: {} }).get('/docs')).text
    assert.ok(!text.includes('ui.initOAuth'))
  })

  test('no option can close the script element (FastAPI test_swagger_ui_escape)', async () => {
    const evil = 'Evil</script><script>alert(1)</script>'
    const client = clientFor({
      title: evil,
      swaggerUiInitOAuth: { appName: evil },
      swaggerUiParameters: { customKey: '<img src=x onerror=alert(1)>', [evil]: 1 },
    })
    const text = (await client.get('/docs')).text
    assert.ok(!text.includes('</script><script>'))
    assert.ok(!text.includes('<img src=x'))
    assert.ok(text.includes('\\u003c/script\\u003e\\u003cscript\\u003e'))
    assert.ok(text.includes('"customKey": "\\u003cimg src=x onerror=alert(1)\\u003e",'))
    assert.ok(
      text.includes('<title>Evil&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Swagger UI</title>'),
    )
    assert.equal(text.match(/<\/script>/g)?.length, 2)
  })

  test('URLs are escaped for the string and the attribute they sit in', () => {
    const page = swaggerUiHtml({
      openapiUrl: "/o'</script>.json",
      title: 'T',
      jsUrl: '/a.js?x=1&y="2"',
      cssUrl: '/a.css',
      faviconUrl: '/a.png',
      oauth2RedirectUrl: "/r'\\",
    })
    assert.ok(page.includes("url: '/o\\'\\u003c/script\\u003e.json',"))
    assert.ok(page.includes("window.location.origin + '/r\\'\\\\',"))
    assert.ok(page.includes('<script src="/a.js?x=1&amp;y=&quot;2&quot;"></script>'))
  })

  test('custom asset URLs replace the bundled ones', async () => {
    const client = clientFor({
      swaggerJsUrl: 'https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js',
      swaggerCssUrl: 'https://unpkg.com/swagger-ui-dist@5/swagger-ui.css',
      swaggerFaviconUrl: '/static/favicon.png',
      redocJsUrl: '/static/redoc.js',
      redocFaviconUrl: '/static/redoc.png',
      redocWithGoogleFonts: true,
    })
    const docs = (await client.get('/docs')).text
    assert.ok(
      docs.includes('<script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js"></script>'),
    )
    assert.ok(docs.includes('href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css"'))
    assert.ok(docs.includes('href="/static/favicon.png"'))
    const redoc = (await client.get('/redoc')).text
    assert.ok(redoc.includes('<script src="/static/redoc.js">'))
    assert.ok(redoc.includes('href="/static/redoc.png"'))
    assert.ok(
      redoc.includes('https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700'),
    )
  })
})

describe('URLs', () => {
  test('custom URLs move every route', async () => {
    const client = clientFor({
      openapiUrl: '/api/v1/openapi.json',
      docsUrl: '/documentation',
      redocUrl: '/ref',
      swaggerUiOauth2RedirectUrl: '/documentation/oauth',
      docsAssetsUrl: '/_brisk/docs',
    })
    for (const old of [
      '/openapi.json',
      '/docs',
      '/redoc',
      '/docs/oauth2-redirect',
      '/docs/assets/swagger-ui.css',
    ]) {
      assert.equal((await client.get(old)).status, 404, old)
    }
    assert.equal((await client.get('/api/v1/openapi.json')).text, SPEC)
    const docs = (await client.get('/documentation')).text
    assert.ok(docs.includes("url: '/api/v1/openapi.json',"))
    assert.ok(docs.includes("oauth2RedirectUrl: window.location.origin + '/documentation/oauth',"))
    assert.ok(docs.includes('src="/_brisk/docs/swagger-ui-bundle.js"'))
    assert.equal((await client.get('/documentation/oauth')).status, 200)
    assert.ok((await client.get('/ref')).text.includes('<redoc spec-url="/api/v1/openapi.json"></redoc>'))
    assert.equal((await client.get('/_brisk/docs/swagger-ui.css')).status, 200)
  })

  test('openapiUrl null turns off every route (FastAPI conditional-openapi)', async () => {
    const client = clientFor({ openapiUrl: null })
    for (const path of [
      '/openapi.json',
      '/docs',
      '/redoc',
      '/docs/oauth2-redirect',
      '/docs/assets/swagger-ui.css',
    ]) {
      assert.equal((await client.get(path)).status, 404, path)
    }
    assert.equal(docsRouter({ title: 'X', openapiUrl: null }, () => SPEC).entries.length, 0)
  })

  test("an empty openapiUrl turns them off too, as FastAPI's OPENAPI_URL=''", async () => {
    assert.equal((await clientFor({ openapiUrl: '' }).get('/docs')).status, 404)
  })

  test('docsUrl null removes Swagger UI and its OAuth2 redirect, not ReDoc', async () => {
    const client = clientFor({ docsUrl: null })
    assert.equal((await client.get('/docs')).status, 404)
    assert.equal((await client.get('/docs/oauth2-redirect')).status, 404)
    assert.equal((await client.get('/redoc')).status, 200)
    assert.equal((await client.get('/openapi.json')).status, 200)
    assert.equal((await client.get('/docs/assets/favicon-32x32.png')).status, 200)
  })

  test('redocUrl null removes ReDoc only', async () => {
    const client = clientFor({ redocUrl: null })
    assert.equal((await client.get('/redoc')).status, 404)
    assert.equal((await client.get('/docs')).status, 200)
  })

  test('swaggerUiOauth2RedirectUrl null removes the route and the page setting', async () => {
    const client = clientFor({ swaggerUiOauth2RedirectUrl: null })
    assert.equal((await client.get('/docs/oauth2-redirect')).status, 404)
    assert.ok(!(await client.get('/docs')).text.includes('oauth2RedirectUrl'))
  })

  test('with both pages off, no asset is served', async () => {
    const client = clientFor({ docsUrl: null, redocUrl: null })
    assert.equal((await client.get('/openapi.json')).status, 200)
    assert.equal((await client.get('/docs/assets/swagger-ui.css')).status, 404)
  })

  test('docsAssetsUrl null needs the asset URLs of the enabled pages', () => {
    assert.throws(
      () => docsRouter({ title: 'X', docsAssetsUrl: null }, () => SPEC),
      (error: unknown) =>
        error instanceof ConfigError &&
        /swaggerJsUrl, swaggerCssUrl, swaggerFaviconUrl, redocJsUrl, redocFaviconUrl/.test(error.message),
    )
    const router = docsRouter(
      {
        title: 'X',
        docsAssetsUrl: null,
        redocUrl: null,
        swaggerJsUrl: '/j',
        swaggerCssUrl: '/c',
        swaggerFaviconUrl: '/f',
      },
      () => SPEC,
    )
    assert.ok(
      router.entries.every((entry) => entry.kind !== 'route' || !entry.route.path.includes('/docs/assets')),
    )
  })

  test('a URL without a leading slash, or an assets prefix ending in one, is refused', () => {
    assert.throws(() => docsRouter({ title: 'X', docsUrl: 'docs' }, () => SPEC), ConfigError)
    assert.throws(() => docsRouter({ title: 'X', docsAssetsUrl: '/assets/' }, () => SPEC), ConfigError)
  })
})

describe('rootPath', () => {
  test('prefixes what the browser loads; the routes stay unprefixed', async () => {
    const app = new App({ rootPath: '/api/v1', openapiUrl: null })
    app.include(docsRouter({ title: 'FastAPI', rootPath: '/api/v1' }, () => SPEC))
    const client = new TestClient(app)
    const docs = await client.get('/api/v1/docs')
    assert.equal(docs.status, 200)
    assert.ok(docs.text.includes("url: '/api/v1/openapi.json',"))
    assert.ok(
      docs.text.includes("oauth2RedirectUrl: window.location.origin + '/api/v1/docs/oauth2-redirect',"),
    )
    assert.ok(docs.text.includes('<script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>'))
    assert.ok(docs.text.includes('href="/api/v1/docs/assets/swagger-ui.css"'))
    assert.ok(docs.text.includes('href="/api/v1/docs/assets/favicon-32x32.png"'))
    const redoc = (await client.get('/api/v1/redoc')).text
    assert.ok(redoc.includes('<redoc spec-url="/api/v1/openapi.json"></redoc>'))
    assert.ok(redoc.includes('src="/api/v1/docs/assets/redoc.standalone.js"'))
    assert.equal((await client.get('/api/v1/docs/assets/swagger-ui-bundle.js')).status, 200)
    assert.equal((await client.get('/api/v1/openapi.json')).text, SPEC)
  })

  test('a trailing slash on rootPath is dropped, as FastAPI rstrip("/")', async () => {
    const text = (await clientFor({ rootPath: '/proxy/' }).get('/docs')).text
    assert.ok(text.includes("url: '/proxy/openapi.json',"))
  })

  test('user asset URLs are used as given', async () => {
    const text = (await clientFor({ rootPath: '/p', swaggerJsUrl: '/static/s.js' }).get('/docs')).text
    assert.ok(text.includes('<script src="/static/s.js"></script>'))
  })
})

describe('without the redoc package', () => {
  const missing = (specifier: string): string => {
    throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' })
  }

  test('the locator reports it and 404s the bundle, while Swagger UI is still served', () => {
    const locator = new DocsAssetLocator({ resolve: missing })
    assert.equal(locator.hasRedoc, false)
    assert.throws(
      () => locator.reply('redoc.standalone.js'),
      (error: unknown) => error instanceof HTTPException && error.status === 404,
    )
    assert.ok(locator.path('swagger-ui.css')?.endsWith(join('vendor', 'swagger-ui', 'swagger-ui.css')))
  })

  test("Swagger UI's files missing from the package is a broken install, said so", () => {
    const locator = new DocsAssetLocator({ swaggerUiDir: join(tmpdir(), 'brisk-no-such-folder') })
    assert.throws(
      () => locator.reply('swagger-ui-bundle.js'),
      /swagger-ui-bundle\.js is missing.*npm run build/,
    )
    assert.throws(() => locator.oauth2RedirectScript(), /oauth2-redirect\.js is missing/)
  })

  test('other resolution errors are not hidden', () => {
    const locator = new DocsAssetLocator({
      resolve: () => {
        throw new Error('EACCES')
      },
    })
    assert.throws(() => locator.path('redoc.standalone.js'), /EACCES/)
  })

  test('the page says how to install it', () => {
    const page = redocMissingHtml('Shop - ReDoc')
    assert.ok(page.includes('npm install redoc'))
    assert.ok(page.includes('redocJsUrl'))
    assert.ok(page.includes('<title>Shop - ReDoc</title>'))
  })

  test('the real install has it', () => {
    assert.equal(new DocsAssetLocator().hasRedoc, true)
  })
})

describe('page builders', () => {
  test('redocHtml escapes its title and spec URL', () => {
    const page = redocHtml({
      openapiUrl: '/o.json?a="b"',
      title: '<T>',
      jsUrl: '/r.js',
      faviconUrl: '/f.png',
    })
    assert.ok(page.includes('<title>&lt;T&gt;</title>'))
    assert.ok(page.includes('<redoc spec-url="/o.json?a=&quot;b&quot;"></redoc>'))
  })

  test('oauth2RedirectHtml cannot be closed early by its script', () => {
    const page = oauth2RedirectHtml('var s = "</script><b>"')
    assert.ok(page.includes('var s = "<\\/script><b>"'))
    assert.equal(page.match(/<\/script>/g)?.length, 1)
  })
})
