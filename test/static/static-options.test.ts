// What staticFiles adds to Starlette's StaticFiles: precompressed siblings, the SPA fallback,
// dotfiles, cache headers, checked options, and its own fetch handler; the negotiation and
// path-reading helpers on their own; a large file streamed over a real socket.
import assert from 'node:assert/strict'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { get } from 'node:http'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { App, ConfigError, staticFiles, TestClient } from '../../src/index.js'
import { acceptsHtml, preferredEncodings } from '../../src/static/negotiate.js'
import { parseStaticPath } from '../../src/static/static-path.js'
import { tempDir } from './fixtures.js'

const SCRIPT = 'console.log("hello from app.js");\n'.repeat(20)

describe('staticFiles options', () => {
  let dir: { path: string; remove: () => Promise<void> }
  let root: string

  before(async () => {
    dir = await tempDir()
    root = join(dir.path, 'dist')
    await mkdir(join(root, 'assets'), { recursive: true })
    await mkdir(join(root, '.well-known'))
    await writeFile(join(root, 'index.html'), '<div id="app"></div>')
    await writeFile(join(root, '404.html'), 'gone')
    await writeFile(join(root, 'assets/app.js'), SCRIPT)
    await writeFile(join(root, 'assets/app.js.br'), brotliCompressSync(SCRIPT))
    await writeFile(join(root, 'assets/app.js.gz'), gzipSync(SCRIPT))
    await writeFile(join(root, 'assets/only-gz.css'), 'body{}')
    await writeFile(join(root, 'assets/only-gz.css.gz'), gzipSync('body{}'))
    await writeFile(join(root, '.well-known/security.txt'), 'Contact: mailto:security@shop.example')
    await writeFile(join(dir.path, 'outside.js'), 'outside')
    await symlink(join(dir.path, 'outside.js'), join(root, 'assets/leak.js'))
    await symlink(join(dir.path, 'outside.js'), join(root, 'assets/leak.js.br'))
  })
  after(() => dir.remove())

  const client = (options: Omit<Parameters<typeof staticFiles>[0], 'directory'> = {}) =>
    new TestClient(new App().mount('/static', staticFiles({ directory: root, ...options })))

  test('precompressed: br when accepted, with the original type, content-encoding and vary', async () => {
    const test = client({ precompressed: true })
    const res = await test.get('/static/assets/app.js', { headers: { 'accept-encoding': 'gzip, br' } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-encoding'), 'br')
    assert.equal(res.headers.get('content-type'), 'text/javascript; charset=utf-8')
    assert.equal(res.headers.get('vary'), 'Accept-Encoding')
    assert.equal(res.headers.get('content-length'), String(brotliCompressSync(SCRIPT).length))
  })

  test('precompressed: gzip when preferred or the only sibling, identity otherwise', async () => {
    const test = client({ precompressed: true })
    let res = await test.get('/static/assets/app.js', { headers: { 'accept-encoding': 'br;q=0.5, gzip' } })
    assert.equal(res.headers.get('content-encoding'), 'gzip')
    assert.equal(res.text, SCRIPT, 'the client decodes the gzip sibling back to the script')
    res = await test.get('/static/assets/only-gz.css', { headers: { 'accept-encoding': 'br, gzip' } })
    assert.equal(res.headers.get('content-encoding'), 'gzip')
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8')
    for (const acceptEncoding of ['identity', 'br;q=0, gzip;q=0', '*;q=0', 'deflate']) {
      res = await test.get('/static/assets/app.js', { headers: { 'accept-encoding': acceptEncoding } })
      assert.equal(res.headers.has('content-encoding'), false, acceptEncoding)
      assert.equal(res.text, SCRIPT)
      assert.equal(res.headers.get('vary'), 'Accept-Encoding', 'the answer still varies by the header')
    }
    // The TestClient always sends an Accept-Encoding (httpx's gzip, deflate): the app is asked directly.
    const app = new App().mount('/static', staticFiles({ directory: root, precompressed: true }))
    const bare = await app.fetch(new Request('http://testserver/static/assets/app.js'))
    assert.equal(bare.headers.has('content-encoding'), false, 'no Accept-Encoding, no coding')
    assert.equal(await bare.text(), SCRIPT)
    res = await test.get('/static/assets/app.js')
    assert.equal(
      res.headers.get('content-encoding'),
      'gzip',
      "the TestClient's default gets the gzip sibling",
    )
  })

  test('precompressed: each coding has its own etag, and a 304 keeps content-encoding and vary', async () => {
    const test = client({ precompressed: true })
    const br = await test.get('/static/assets/app.js', { headers: { 'accept-encoding': 'br' } })
    const plain = await test.get('/static/assets/app.js', { headers: { 'accept-encoding': 'identity' } })
    assert.notEqual(br.headers.get('etag'), plain.headers.get('etag'))
    const again = await test.get('/static/assets/app.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! },
    })
    assert.equal(again.status, 304)
    assert.equal(again.headers.get('vary'), 'Accept-Encoding')
  })

  test('precompressed off (the default): siblings are only files of their own', async () => {
    const res = await client().get('/static/assets/app.js', { headers: { 'accept-encoding': 'br' } })
    assert.equal(res.headers.has('content-encoding'), false)
    assert.equal(res.headers.has('vary'), false)
    assert.equal(res.text, SCRIPT)
  })

  test('precompressed: a sibling that is a symlink out of the root is not served', async () => {
    const res = await client({ precompressed: true }).get('/static/assets/leak.js', {
      headers: { 'accept-encoding': 'br' },
    })
    assert.equal(res.status, 404)
    assert.ok(!res.text.includes('outside'))
  })

  test('Accept-Encoding abuse: a huge header is read in linear time and changes nothing else', async () => {
    const header = `${'x;q=0.1,'.repeat(1500)}br;q=0.9`
    const started = performance.now()
    assert.deepEqual(preferredEncodings(header), ['br'])
    assert.ok(performance.now() - started < 1000)
    const res = await client({ precompressed: true }).get('/static/assets/app.js', {
      headers: { 'accept-encoding': `${'gzip;q=abc;;;=,'.repeat(500)}` },
    })
    assert.equal(res.status, 200)
    assert.equal(res.headers.has('content-encoding'), false, 'an unreadable q is 0')
  })

  test('fallback: unknown paths that accept HTML get the page with 200; others their 404', async () => {
    const test = client({ fallback: 'index.html' })
    const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }
    let res = await test.get('/static/orders/42', { headers: page })
    assert.equal(res.status, 200)
    assert.equal(res.text, '<div id="app"></div>')
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    res = await test.head('/static/orders/42', { headers: page })
    assert.equal(res.status, 200)
    assert.equal(res.text, '')
    for (const accept of [undefined, '*/*', 'application/json', 'text/html;q=0']) {
      res = await test.get('/static/assets/missing.js', { headers: accept === undefined ? {} : { accept } })
      assert.equal(res.status, 404, String(accept))
      assert.deepEqual(res.json(), { detail: 'Not Found' })
    }
    res = await test.get('/static/assets/app.js', { headers: page })
    assert.equal(res.text, SCRIPT, 'files that exist are served as themselves')
    assert.equal((await test.post('/static/orders/42', { headers: page })).status, 405)
  })

  test('fallback must be a file in the directory, checked at startup', () => {
    for (const fallback of ['missing.html', '../index.html', '/etc/passwd', 'assets', '']) {
      assert.throws(() => staticFiles({ directory: root, fallback }), ConfigError, fallback)
    }
  })

  test('dotfiles: denied by default (404, as if missing), served with dotfiles: allow', async () => {
    let res = await client().get('/static/.well-known/security.txt')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { detail: 'Not Found' })
    res = await client({ dotfiles: 'allow' }).get('/static/.well-known/security.txt')
    assert.equal(res.status, 200)
    assert.equal(res.text, 'Contact: mailto:security@shop.example')
  })

  test('maxAge: cache-control on files, not on the fallback page nor the 404 page', async () => {
    const test = client({ maxAge: 31536000, fallback: 'index.html', html: true })
    let res = await test.get('/static/assets/app.js')
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000')
    res = await test.get('/static/assets/app.js', { headers: { 'if-none-match': res.headers.get('etag')! } })
    assert.equal(res.status, 304)
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000')
    res = await test.get('/static/somewhere', { headers: { accept: 'text/html' } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.has('cache-control'), false)
    res = await test.get('/static/assets/missing.js')
    assert.equal(res.status, 404)
    assert.equal(res.text, 'gone')
    assert.equal(res.headers.has('cache-control'), false)
  })

  test('a Range request gets its 206, as from file()', async () => {
    const res = await client().get('/static/assets/app.js', { headers: { range: 'bytes=0-6' } })
    assert.equal(res.status, 206)
    assert.equal(res.text, 'console')
    assert.equal(res.headers.get('content-range'), `bytes 0-6/${SCRIPT.length}`)
  })

  test('options are checked when staticFiles() is called', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /needs a directory/],
      [{ directory: root, dirctory: 'x' }, /Unknown option "dirctory"/],
      [{ directory: root, dotfiles: 'ignore' }, /dotfiles .* 'deny' or 'allow'/],
      [{ directory: root, maxAge: -1 }, /maxAge .* whole number/],
      [{ directory: root, maxAge: 1.5 }, /maxAge .* whole number/],
      [{ directory: root, html: 'yes' }, /html .* true or false/],
      [{ directory: root, precompressed: 1 }, /precompressed .* true or false/],
    ]
    for (const [options, message] of cases) {
      assert.throws(
        () => staticFiles(options as never),
        (error: unknown) => {
          return error instanceof ConfigError && message.test(error.message)
        },
      )
    }
  })

  test('fetch: a web-standard handler on its own, refusals as FastAPI JSON', async () => {
    const files = staticFiles({ directory: root, html: true })
    let res = await files.fetch(new Request('http://localhost/assets/app.js'))
    assert.equal(res.status, 200)
    assert.equal(await res.text(), SCRIPT)
    res = await files.fetch(new Request('http://localhost/assets/app.js', { method: 'DELETE' }))
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'GET, HEAD')
    assert.deepEqual(await res.json(), { detail: 'Method Not Allowed' })
    res = await files.fetch(new Request('http://localhost/assets'))
    assert.equal(res.status, 404, 'assets has no index.html: the 404 page')
    assert.equal(await res.text(), 'gone')
    res = await files.fetch(new Request('http://localhost/', { method: 'HEAD' }))
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), '20')
  })

  test('a large file streams over a real socket, whole and as a range', async () => {
    const size = 16 * 1024 * 1024
    await writeFile(join(root, 'big.bin'), Buffer.alloc(size, 1))
    const app = new App().mount('/static', staticFiles({ directory: root }))
    const server = await app.listen({ port: 0, handleSignals: false })
    try {
      const whole = await download(`${server.url}/static/big.bin`)
      assert.equal(whole.status, 200)
      assert.equal(whole.length, size)
      assert.ok(whole.chunks > 16, `${whole.chunks} chunks`)
      const part = await download(`${server.url}/static/big.bin`, { range: 'bytes=1000-1999' })
      assert.equal(part.status, 206)
      assert.equal(part.length, 1000)
    } finally {
      await server.close()
    }
  })
})

describe('static path reading and negotiation', () => {
  test('parseStaticPath: segments, the trailing slash, refusals', () => {
    assert.deepEqual(parseStaticPath('/css/site.css', false), {
      segments: ['css', 'site.css'],
      trailingSlash: false,
    })
    assert.deepEqual(parseStaticPath('/docs/', false), { segments: ['docs'], trailingSlash: true })
    assert.deepEqual(parseStaticPath('/', false), { segments: [], trailingSlash: true })
    assert.deepEqual(parseStaticPath('/%2e%2e', false), { segments: ['%2e%2e'], trailingSlash: false })
    assert.deepEqual(parseStaticPath('/.env', true), { segments: ['.env'], trailingSlash: false })
    for (const path of [
      '',
      'a.txt',
      '/..',
      '/a/../b',
      '/./a',
      '//a',
      '/a//b',
      '/a\\b',
      '/a\0',
      '/C:/x',
      '/a\n',
      '/.env',
      '/x/.git/config',
      '/a//',
    ]) {
      assert.equal(parseStaticPath(path, false), undefined, JSON.stringify(path))
    }
    assert.equal(parseStaticPath('/..', true), undefined, 'dotfiles allowed still refuses ..')
  })

  test('preferredEncodings and acceptsHtml read q-values', () => {
    assert.deepEqual(preferredEncodings('gzip, deflate, br'), ['br', 'gzip'])
    assert.deepEqual(preferredEncodings('gzip;q=1.0, br;q=0.5'), ['gzip', 'br'])
    assert.deepEqual(preferredEncodings('*'), ['br', 'gzip'])
    assert.deepEqual(preferredEncodings('*, br;q=0'), ['gzip'])
    assert.deepEqual(preferredEncodings('x-gzip'), ['gzip'])
    assert.deepEqual(preferredEncodings('BR;Q=0.2'), ['br'])
    assert.deepEqual(preferredEncodings(undefined), [])
    assert.equal(acceptsHtml('text/html'), true)
    assert.equal(acceptsHtml('application/json, TEXT/HTML; q=0.1'), true)
    assert.equal(acceptsHtml('*/*'), false)
    assert.equal(acceptsHtml('text/html;q=0'), false)
    assert.equal(acceptsHtml(undefined), false)
  })
})

function download(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; length: number; chunks: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (res) => {
      let length = 0
      let chunks = 0
      res.on('data', (chunk: Buffer) => {
        length += chunk.length
        chunks++
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, length, chunks }))
      res.on('error', reject)
    }).on('error', reject)
  })
}
