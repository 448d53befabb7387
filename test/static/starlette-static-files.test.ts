// Starlette's tests/test_staticfiles.py, case by case, through the TestClient. Mounted as FastAPI
// mounts StaticFiles, so refusals are FastAPI's JSON (`{"detail":"Not Found"}`) where Starlette
// alone answers plain text. Differences on purpose are named in the test titles.
import assert from 'node:assert/strict'
import { mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { after, before, describe, test } from 'node:test'
import {
  App,
  ConfigError,
  type StaticFilesOptions,
  silentLogger,
  staticFiles,
  TestClient,
} from '../../src/index.js'
import { tempDir } from './fixtures.js'

const NOT_FOUND = { detail: 'Not Found' }

describe('staticFiles: Starlette test_staticfiles.py', () => {
  let dir: { path: string; remove: () => Promise<void> }
  let tmp: string
  let n = 0

  before(async () => {
    dir = await tempDir()
  })
  after(() => dir.remove())

  /** A fresh directory per test, as pytest's tmpdir. */
  async function fresh(files: Record<string, string> = {}): Promise<string> {
    tmp = join(dir.path, `t${++n}`)
    await mkdir(tmp)
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(tmp, name, '..'), { recursive: true })
      await writeFile(join(tmp, name), content)
    }
    return tmp
  }

  function client(options: StaticFilesOptions, prefix = '/', app = new App()): TestClient {
    return new TestClient(app.mount(prefix, staticFiles(options)))
  }

  test('test_staticfiles: a file is served', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).get(
      '/example.txt',
    )
    assert.equal(res.status, 200)
    assert.equal(res.text, '<file content>')
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(res.headers.get('content-length'), '14')
    assert.equal(res.headers.get('accept-ranges'), 'bytes')
    assert.match(res.headers.get('etag') ?? '', /^"[0-9a-f]{32}"$/)
    assert.ok(res.headers.get('last-modified'))
  })

  test('test_staticfiles_head_with_middleware: HEAD through a middleware keeps content-length', async () => {
    const app = new App()
    app.use((_ctx, next) => next())
    const res = await client(
      { directory: await fresh({ 'example.txt': 'x'.repeat(100) }) },
      '/static',
      app,
    ).head('/static/example.txt')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-length'), '100')
    assert.equal(res.text, '')
  })

  test('test_staticfiles_post: 405, with allow: GET, HEAD (an addition: RFC 9110 §15.5.6)', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).post(
      '/example.txt',
    )
    assert.equal(res.status, 405)
    assert.deepEqual(res.json(), { detail: 'Method Not Allowed' })
    assert.equal(res.headers.get('allow'), 'GET, HEAD')
  })

  test('test_staticfiles_with_directory_returns_404: no directory listing', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).get('/')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), NOT_FOUND)
  })

  test('test_staticfiles_with_missing_file_returns_404', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).get('/404.txt')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), NOT_FOUND)
  })

  test('test_staticfiles_instantiated_with_missing_directory: a ConfigError at startup', async () => {
    const missing = join(await fresh(), 'no_such_directory')
    assert.throws(
      () => staticFiles({ directory: missing }),
      (error: unknown) => error instanceof ConfigError && /does not exist/.test(error.message),
    )
  })

  test('test_staticfiles_configured_with_missing_directory: checkDir false fails on use, a 500', async () => {
    const missing = join(await fresh(), 'no_such_directory')
    const app = new App({ logger: silentLogger }).mount(
      '/',
      staticFiles({ directory: missing, checkDir: false }),
    )
    await assert.rejects(new TestClient(app).get('/example.txt'), /does not exist/)
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/example.txt')
    assert.equal(res.status, 500)
  })

  test('test_staticfiles_configured_with_file_instead_of_directory', async () => {
    const path = join(await fresh({ 'example.txt': '<file content>' }), 'example.txt')
    assert.throws(() => staticFiles({ directory: path }), /is not a directory/)
    const app = new App({ logger: silentLogger }).mount(
      '/',
      staticFiles({ directory: path, checkDir: false }),
    )
    await assert.rejects(new TestClient(app).get('/example.txt'), /is not a directory/)
  })

  test('checkDir false: a directory that appears later is served from then on', async () => {
    const later = join(await fresh(), 'later')
    const app = new App({ logger: silentLogger }).mount(
      '/',
      staticFiles({ directory: later, checkDir: false }),
    )
    const test = new TestClient(app, { raiseServerExceptions: false })
    assert.equal((await test.get('/a.txt')).status, 500)
    await mkdir(later)
    await writeFile(join(later, 'a.txt'), 'now')
    assert.equal((await test.get('/a.txt')).text, 'now')
  })

  test('test_staticfiles_prevents_breaking_out_of_directory: /../example.txt', async () => {
    const root = await fresh({ 'example.txt': 'outside root dir' })
    await mkdir(join(root, 'foo'))
    const files = staticFiles({ directory: join(root, 'foo') })
    await assert.rejects(files.serve(fakeContext('/../example.txt')), { status: 404, detail: 'Not Found' })
  })

  test('test_staticfiles_never_read_file_for_head_method', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).head(
      '/example.txt',
    )
    assert.equal(res.status, 200)
    assert.equal(res.content.length, 0)
    assert.equal(res.headers.get('content-length'), '14')
  })

  test('test_staticfiles_304_with_etag_match', async () => {
    const test = client({ directory: await fresh({ 'example.txt': '<file content>' }) })
    const first = await test.get('/example.txt')
    assert.equal(first.status, 200)
    const etag = first.headers.get('etag')!
    let second = await test.get('/example.txt', { headers: { 'if-none-match': etag } })
    assert.equal(second.status, 304)
    assert.equal(second.content.length, 0)
    second = await test.get('/example.txt', { headers: { 'if-none-match': `W/${etag}, "123"` } })
    assert.equal(second.status, 304)
    assert.equal(second.content.length, 0)
  })

  test('test_staticfiles_200_with_etag_mismatch', async () => {
    const test = client({ directory: await fresh({ 'example.txt': '<file content>' }) })
    const first = await test.get('/example.txt')
    assert.notEqual(first.headers.get('etag'), '"123"')
    const second = await test.get('/example.txt', { headers: { 'if-none-match': '"123"' } })
    assert.equal(second.status, 200)
    assert.equal(second.text, '<file content>')
  })

  test('test_staticfiles_304_with_last_modified_compare_last_req', async () => {
    const root = await fresh({ 'example.txt': '<file content>' })
    const modified = new Date('2013-10-10T23:40:00Z')
    await utimes(join(root, 'example.txt'), modified, modified)
    const test = client({ directory: root })
    let res = await test.get('/example.txt', {
      headers: { 'If-Modified-Since': 'Thu, 11 Oct 2013 15:30:19 GMT' },
    })
    assert.equal(res.status, 304)
    assert.equal(res.content.length, 0)
    res = await test.get('/example.txt', {
      headers: { 'If-Modified-Since': 'Thu, 20 Feb 2012 15:30:19 GMT' },
    })
    assert.equal(res.status, 200)
    assert.equal(res.text, '<file content>')
  })

  test('test_staticfiles_html_normal: index.html, the redirect to "dir/", 404.html', async () => {
    const root = await fresh({
      '404.html': '<h1>Custom not found page</h1>',
      'dir/index.html': '<h1>Hello</h1>',
    })
    const test = client({ directory: root, html: true })
    let res = await test.get('/dir/')
    assert.equal(res.url, 'http://testserver/dir/')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')

    res = await test.get('/dir')
    assert.equal(res.url, 'http://testserver/dir/')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')
    assert.equal(res.history[0]?.status, 307)
    assert.equal(res.history[0]?.headers.get('location'), '/dir/')

    res = await test.get('/dir/index.html')
    assert.equal(res.url, 'http://testserver/dir/index.html')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')

    res = await test.get('/missing')
    assert.equal(res.status, 404)
    assert.equal(res.text, '<h1>Custom not found page</h1>')
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
  })

  test('the directory redirect keeps the mount prefix and the query string', async () => {
    const test = client(
      { directory: await fresh({ 'dir/index.html': '<h1>Hello</h1>' }), html: true },
      '/static',
    )
    const res = await test.get('/static/dir?v=1', { followRedirects: false })
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/static/dir/?v=1')
    assert.equal(res.text, '')
  })

  test('test_staticfiles_html_without_index', async () => {
    const root = await fresh({ '404.html': '<h1>Custom not found page</h1>' })
    await mkdir(join(root, 'dir'))
    const test = client({ directory: root, html: true })
    for (const [path, url] of [
      ['/dir/', 'http://testserver/dir/'],
      ['/dir', 'http://testserver/dir'],
      ['/missing', 'http://testserver/missing'],
    ] as const) {
      const res = await test.get(path)
      assert.equal(res.url, url)
      assert.equal(res.status, 404)
      assert.equal(res.text, '<h1>Custom not found page</h1>')
    }
  })

  test('test_staticfiles_html_without_404', async () => {
    const test = client({ directory: await fresh({ 'dir/index.html': '<h1>Hello</h1>' }), html: true })
    assert.equal((await test.get('/dir/')).text, '<h1>Hello</h1>')
    const res = await test.get('/dir')
    assert.equal(res.url, 'http://testserver/dir/')
    assert.equal(res.text, '<h1>Hello</h1>')
    const missing = await test.get('/missing')
    assert.equal(missing.status, 404)
    assert.deepEqual(missing.json(), NOT_FOUND)
  })

  test('test_staticfiles_html_only_files', async () => {
    const test = client({ directory: await fresh({ 'hello.html': '<h1>Hello</h1>' }), html: true })
    assert.equal((await test.get('/')).status, 404)
    const res = await test.get('/hello.html')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')
  })

  test('test_staticfiles_cache_invalidation_for_deleted_file_html_mode', async () => {
    const root = await fresh({ '404.html': '<p>404 file</p>', 'some.html': '<p>some file</p>' })
    const common = new Date('2013-10-10T23:40:00Z')
    await utimes(join(root, '404.html'), common, common)
    await utimes(join(root, 'some.html'), common, common)
    const test = client({ directory: root, html: true })
    const exists = await test.get('/some.html')
    assert.equal(exists.status, 200)
    assert.equal(exists.text, '<p>some file</p>')
    const since = { 'If-Modified-Since': exists.headers.get('last-modified')! }
    assert.equal((await test.get('/some.html', { headers: since })).status, 304)
    await rm(join(root, 'some.html'))
    const deleted = await test.get('/some.html', { headers: since })
    assert.equal(deleted.status, 404, 'a 404 page is never a 304')
    assert.equal(deleted.text, '<p>404 file</p>')
  })

  test('test_staticfiles_with_invalid_dir_permissions: 403 (Starlette: 401, which asks for credentials)', async (t) => {
    if (process.getuid?.() === 0) return t.skip('root reads any directory')
    const root = await fresh({ 'example.txt': '<file content>' })
    const { chmod } = await import('node:fs/promises')
    const test = client({ directory: root })
    await chmod(root, 0o007)
    try {
      const res = await test.get('/example.txt')
      assert.equal(res.status, 403)
      assert.deepEqual(res.json(), { detail: 'Forbidden' })
    } finally {
      await chmod(root, 0o755)
    }
  })

  test('test_staticfiles_with_missing_dir_returns_404', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).get(
      '/foo/example.txt',
    )
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), NOT_FOUND)
  })

  test('test_staticfiles_access_file_as_dir_returns_404', async () => {
    const res = await client({ directory: await fresh({ 'example.txt': '<file content>' }) }).get(
      '/example.txt/foo',
    )
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), NOT_FOUND)
  })

  test('test_staticfiles_filename_too_long', async () => {
    const res = await client({ directory: await fresh() }).get(`/${'a'.repeat(4096)}.txt`)
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), NOT_FOUND)
  })

  test('test_staticfiles_follows_symlinks: a symlink inside the root to a file inside it', async () => {
    const root = await fresh({ 'pages/page.html': '<h1>Hello</h1>' })
    await symlink(join(root, 'pages/page.html'), join(root, 'index.html'))
    const test = client({ directory: root })
    const res = await test.get('/index.html')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')
    const refused = client({ directory: root, followSymlinks: false })
    assert.equal((await refused.get('/index.html')).status, 404)
    assert.equal((await refused.get('/pages/page.html')).status, 200)
  })

  test('test_staticfiles_follows_symlinks with a target outside the root: 404 (Starlette follows it with follow_symlink=True)', async () => {
    const statics = await fresh()
    const source = await tempDir('brisk-static-source-')
    try {
      await writeFile(join(source.path, 'page.html'), '<h1>Outside</h1>')
      await symlink(join(source.path, 'page.html'), join(statics, 'index.html'))
      await symlink(source.path, join(statics, 'html'))
      const test = client({ directory: statics })
      for (const path of ['/index.html', '/html/page.html']) {
        const res = await test.get(path)
        assert.equal(res.status, 404, path)
        assert.ok(!res.text.includes('Outside'), path)
      }
    } finally {
      await source.remove()
    }
  })

  test('test_staticfiles_disallows_path_traversal_with_symlinks: a root that is a symlink', async () => {
    const source = await tempDir('brisk-static-source-')
    try {
      await mkdir(join(source.path, 'statics'))
      await writeFile(join(source.path, 'index.html'), '<h1>Hello</h1>')
      const statics = join(await fresh(), 'statics')
      await symlink(join(source.path, 'statics'), statics)
      const files = staticFiles({ directory: statics })
      await assert.rejects(files.serve(fakeContext('/../index.html')), { status: 404 })
    } finally {
      await source.remove()
    }
  })

  test('test_staticfiles_avoids_path_traversal: a sibling named like the root (CVE-2023-29159)', async () => {
    const root = await fresh({
      'static/index.html': '<h1>Hello</h1>',
      'static_disallow/index.html': '<h1>Private</h1>',
      'static1.txt': 'Private',
    })
    const files = staticFiles({ directory: join(root, 'static') })
    for (const path of ['/../static1.txt', '/../static_disallow/index.html']) {
      await assert.rejects(files.serve(fakeContext(path)), { status: 404, detail: 'Not Found' }, path)
    }
  })

  test('test_staticfiles_self_symlinks: the directory given is a symlink', async () => {
    const root = await fresh({ 'statics/index.html': '<h1>Hello</h1>' })
    await symlink(join(root, 'statics'), join(root, 'statics_symlink'))
    const res = await client({ directory: join(root, 'statics_symlink') }).get('/index.html')
    assert.equal(res.url, 'http://testserver/index.html')
    assert.equal(res.status, 200)
    assert.equal(res.text, '<h1>Hello</h1>')
  })

  test('test_staticfiles_relative_directory: relative to the working directory', async () => {
    const root = await fresh({ 'example.txt': '123\n' })
    const res = await client({ directory: relative(process.cwd(), root) }).get('/example.txt')
    assert.equal(res.text, '123\n')
  })
})

/** A request as the app hands it to a mount target, for paths no HTTP client would send. */
function fakeContext(path: string) {
  return {
    method: 'GET',
    path,
    rawPath: path,
    search: '',
    header: () => undefined,
  } as never
}
