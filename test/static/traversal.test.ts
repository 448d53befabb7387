// `../` in every encoding, and the other ways out of a static directory, each answered 404 (or 400
// for bytes that are not UTF-8) with the secret beside the directory never in the answer: over a
// raw socket, where the request line reaches the server exactly as written, and in-process.
import assert from 'node:assert/strict'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { App, type BriskServer, staticFiles, TestClient } from '../../src/index.js'
import { rawConnect, readAll } from '../server/helpers.js'
import { tempDir } from './fixtures.js'

const SECRET = 'TOP-SECRET-do-not-serve'

/** Request targets as written on the request line; each must not reach `secret.txt` or `.env`. */
const HOSTILE = [
  '/static/../secret.txt',
  '/static/public/../../secret.txt',
  '/static/..%2fsecret.txt',
  '/static/..%2Fsecret.txt',
  '/static/%2e%2e/secret.txt',
  '/static/%2E%2E%2Fsecret.txt',
  '/static/.%2e/secret.txt',
  '/static/%252e%252e%252fsecret.txt',
  '/static/%252e%252e/secret.txt',
  '/static/..%5csecret.txt',
  '/static/..\\secret.txt',
  '/static/%5c..%5csecret.txt',
  '/static/a.txt%00.html',
  '/static/%00/../secret.txt',
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/%2F..%2Fsecret.txt',
  '/static/C:/secret.txt',
  '/static/C:%5csecret.txt',
  '/static/a.txt::$DATA',
  '/static/out',
  '/static/out-dir/secret.txt',
  '/static/.env',
  '/static/%2eenv',
  '/static/.hidden/a.txt',
  '/static/./a.txt',
]

/** Overlong UTF-8 for `.` and `/`: not UTF-8 at all, so the path cannot be read (400). */
const UNDECODABLE = [
  '/static/%c0%ae%c0%ae/secret.txt',
  '/static/..%c0%afsecret.txt',
  '/static/%e0%80%ae%e0%80%ae/secret.txt',
]

describe('staticFiles refuses every way out of its directory', () => {
  let dir: { path: string; remove: () => Promise<void> }
  let server: BriskServer
  let client: TestClient

  before(async () => {
    dir = await tempDir()
    const root = join(dir.path, 'public')
    await mkdir(join(root, '.hidden'), { recursive: true })
    await writeFile(join(dir.path, 'secret.txt'), SECRET)
    await writeFile(join(root, 'a.txt'), 'public a')
    await writeFile(join(root, '.env'), SECRET)
    await writeFile(join(root, '.hidden/a.txt'), SECRET)
    await symlink(join(dir.path, 'secret.txt'), join(root, 'out'))
    await symlink(dir.path, join(root, 'out-dir'))
    const app = new App().mount('/static', staticFiles({ directory: root, html: true }))
    server = await app.listen({ port: 0, handleSignals: false })
    client = new TestClient(app)
  })
  after(async () => {
    await server.close()
    await dir.remove()
  })

  async function raw(target: string): Promise<{ status: number; text: string }> {
    const socket = await rawConnect(server.port)
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n`,
    )
    const text = await readAll(socket)
    return { status: Number(text.slice(9, 12)), text }
  }

  test('a public file is served, so the refusals below are about the path', async () => {
    const res = await raw('/static/a.txt')
    assert.equal(res.status, 200)
    assert.ok(res.text.endsWith('public a'))
  })

  for (const target of HOSTILE) {
    test(`over a socket: ${target} is a 404`, async () => {
      const res = await raw(target)
      assert.equal(res.status, 404, res.text)
      assert.ok(!res.text.includes(SECRET))
      assert.ok(!res.text.includes('public a'), 'no other file is served in its place either')
    })
  }

  for (const target of UNDECODABLE) {
    test(`over a socket: ${target} is a 400`, async () => {
      const res = await raw(target)
      assert.equal(res.status, 400, res.text)
      assert.ok(res.text.endsWith('{"detail":"Invalid percent-encoding in the request path"}'))
    })
  }

  // A fetch URL resolves dot segments before anyone sees them (`/static/./a.txt` is `/static/a.txt`
  // itself, rightly served); the rest reach the server as written.
  const throughUrls = [...HOSTILE, ...UNDECODABLE].filter((target) => target !== '/static/./a.txt')

  test('in-process: every hostile path is a 4xx without the secret', async () => {
    for (const target of throughUrls) {
      const res = await client.get(target, { headers: { accept: 'text/html' } })
      assert.ok(res.status === 404 || res.status === 400, `${target}: ${res.status}`)
      assert.ok(!res.text.includes(SECRET), target)
    }
  })

  test('staticFiles().fetch on its own refuses them too', async () => {
    const files = staticFiles({ directory: join(dir.path, 'public') })
    for (const target of throughUrls) {
      const res = await files.fetch(new Request(`http://localhost${target.replace('/static', '')}`))
      assert.ok(res.status === 404 || res.status === 400, `${target}: ${res.status}`)
      assert.ok(!(await res.text()).includes(SECRET), target)
    }
  })
})
