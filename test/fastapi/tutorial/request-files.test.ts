// FastAPI tutorials "Request Files" (docs_src/request_files, tutorial001 to 003), "Request Forms
// and Files" and "Form Data" (docs_src/request_forms, sent as multipart), ported to Brisk with
// their statuses, bodies and whole OpenAPI documents. FastAPI's `bytes` + `File()` and its
// `UploadFile` are one thing in Brisk, `upload()`: a `bytes` handler reads `await file.bytes()`.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { html, TestClient, upload } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const missing = (field: string) => ({
  type: 'missing',
  loc: ['body', field],
  msg: 'Field required',
  input: null,
})
/** FastAPI's `UploadFile` validator on a text value. */
const notAFile = (field: string, input: string) => ({
  type: 'value_error',
  loc: ['body', field],
  msg: "Value error, Expected UploadFile, received: <class 'str'>",
  input,
  ctx: { error: {} },
})
const CONTENT = '<file content>'

describe('request_files tutorial001: a required file, as bytes and as UploadFile', () => {
  const app = fastapi()
  app.post('/files/', { files: { file: upload() } }, async function create_file({ files }) {
    return { file_size: (await files.file.bytes()).length }
  })
  app.post('/uploadfile/', { files: { file: upload() } }, async function create_upload_file({ files }) {
    return { filename: files.file.filename }
  })
  const client = new TestClient(app)

  test('no body: the file is missing', async () => {
    const res = await client.post('/files/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing('file')] })
  })

  test('a JSON body: the file is missing', async () => {
    const res = await client.post('/files/', { json: { file: 'Foo' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing('file')] })
  })

  test('a file', async () => {
    const res = await client.post('/files/', { files: { file: ['test.txt', CONTENT] } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { file_size: 14 })
  })

  test('a file past the 64 KiB Pydantic keeps in memory', async () => {
    const res = await client.post('/files/', { files: { file: ['test.txt', 'x'.repeat(2 ** 16 + 1)] } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { file_size: 2 ** 16 + 1 })
  })

  test('an UploadFile: its filename', async () => {
    const res = await client.post('/uploadfile/', { files: { file: ['test.txt', CONTENT] } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { filename: 'test.txt' })
  })

  test('a text field where the file belongs: FastAPI\'s "Expected UploadFile"', async () => {
    const res = await client.post('/uploadfile/', { form: { file: 'Foo' }, files: [] })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [notAFile('file', 'Foo')] })
  })

  test('the OpenAPI document', async () => {
    await assertDocument(client, fastapiDocument('test_request_files/test_tutorial001.py'))
  })
})

describe('request_files tutorial001_02: optional files', () => {
  const app = fastapi()
  app.post('/files/', { files: { file: upload.optional() } }, async function create_file({ files }) {
    if (!files.file) return { message: 'No file sent' }
    return { file_size: (await files.file.bytes()).length }
  })
  app.post('/uploadfile/', { files: { file: upload.optional() } }, function create_upload_file({ files }) {
    if (!files.file) return { message: 'No upload file sent' }
    return { filename: files.file.filename }
  })
  const client = new TestClient(app)

  test('no body', async () => {
    assert.deepEqual((await client.post('/files/')).json(), { message: 'No file sent' })
    assert.deepEqual((await client.post('/uploadfile/')).json(), { message: 'No upload file sent' })
  })

  test('a file', async () => {
    const sized = await client.post('/files/', { files: { file: ['test.txt', CONTENT] } })
    assert.deepEqual(sized.json(), { file_size: 14 })
    const named = await client.post('/uploadfile/', { files: { file: ['test.txt', CONTENT] } })
    assert.deepEqual(named.json(), { filename: 'test.txt' })
  })

  test('a file input a browser left empty counts as no file', async () => {
    const res = await client.post('/uploadfile/', { files: { file: ['', '', 'application/octet-stream'] } })
    assert.deepEqual(res.json(), { message: 'No upload file sent' })
  })

  test('the OpenAPI document', async () => {
    await assertDocument(client, fastapiDocument('test_request_files/test_tutorial001_02.py'))
  })
})

describe('request_files tutorial001_03: descriptions', () => {
  const app = fastapi()
  app.post(
    '/files/',
    { files: { file: upload({ description: 'A file read as bytes' }) } },
    async function create_file({ files }) {
      return { file_size: files.file.size }
    },
  )
  app.post(
    '/uploadfile/',
    { files: { file: upload({ description: 'A file read as UploadFile' }) } },
    function create_upload_file({ files }) {
      return { filename: files.file.filename }
    },
  )
  const client = new TestClient(app)

  test('a file', async () => {
    const res = await client.post('/files/', { files: { file: ['test.txt', CONTENT] } })
    assert.deepEqual(res.json(), { file_size: 14 })
  })

  test('the OpenAPI document', async () => {
    await assertDocument(client, fastapiDocument('test_request_files/test_tutorial001_03.py'))
  })
})

for (const [tutorial, described] of [
  ['002', false],
  ['003', true],
] as const) {
  describe(`request_files tutorial${tutorial}: lists of files`, () => {
    const app = fastapi()
    app.post(
      '/files/',
      { files: { files: upload.list(described ? { description: 'Multiple files as bytes' } : {}) } },
      async function create_files({ files }) {
        return { file_sizes: await Promise.all(files.files.map(async (file) => (await file.bytes()).length)) }
      },
    )
    app.post(
      '/uploadfiles/',
      { files: { files: upload.list(described ? { description: 'Multiple files as UploadFile' } : {}) } },
      function create_upload_files({ files }) {
        return { filenames: files.files.map((file) => file.filename) }
      },
    )
    // FastAPI's tutorial returns an HTMLResponse from a JSON route: the document keeps JSON.
    app.get('/', function main() {
      return html(
        '<body><form action="/files/" enctype="multipart/form-data" method="post"><input name="files" type="file" multiple><input type="submit"></form></body>',
      )
    })
    const client = new TestClient(app)

    test('no body, or JSON: the files are missing', async () => {
      for (const res of [
        await client.post('/files/'),
        await client.post('/files/', { json: { file: 'Foo' } }),
      ]) {
        assert.equal(res.status, 422)
        assert.deepEqual(res.json(), { detail: [missing('files')] })
      }
    })

    test('two files under one name', async () => {
      const files = [
        ['files', ['test.txt', CONTENT]],
        ['files', ['test2.txt', '<file content2>']],
      ] as const
      assert.deepEqual((await client.post('/files/', { files })).json(), { file_sizes: [14, 15] })
      assert.deepEqual((await client.post('/uploadfiles/', { files })).json(), {
        filenames: ['test.txt', 'test2.txt'],
      })
    })

    test('a text value beside the files: FastAPI\'s "Expected UploadFile", not the text dropped', async () => {
      const res = await client.post('/uploadfiles/', {
        form: { files: 'Foo' },
        files: { files: [['test.txt', CONTENT]] },
      })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: [notAFile('files', 'Foo')] })
    })

    test('the page with the form', async () => {
      assert.match((await client.get('/')).text, /<form/)
    })

    test('the OpenAPI document', async () => {
      await assertDocument(client, fastapiDocument(`test_request_files/test_tutorial${tutorial}.py`))
    })
  })
}

describe('request_forms_and_files tutorial001: files and form fields in one body', () => {
  const app = fastapi()
  app.post(
    '/files/',
    { files: { file: upload(), fileb: upload() }, form: { token: z.string() } },
    async function create_file({ files, form }) {
      return { file_size: files.file.size, token: form.token, fileb_content_type: files.fileb.contentType }
    },
  )
  const client = new TestClient(app)

  test('no body: every field missing, in declaration order', async () => {
    const res = await client.post('/files/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing('file'), missing('fileb'), missing('token')] })
  })

  test('a token only', async () => {
    const res = await client.post('/files/', { form: { token: 'foo' } })
    assert.deepEqual(res.json(), { detail: [missing('file'), missing('fileb')] })
  })

  test('JSON', async () => {
    const res = await client.post('/files/', { json: { file: 'Foo', token: 'Bar' } })
    assert.deepEqual(res.json(), { detail: [missing('file'), missing('fileb'), missing('token')] })
  })

  test('one file, no token', async () => {
    const res = await client.post('/files/', { files: { file: ['test.txt', CONTENT] } })
    assert.deepEqual(res.json(), { detail: [missing('fileb'), missing('token')] })
  })

  test('both files and the token', async () => {
    const res = await client.post('/files/', {
      form: { token: 'foo' },
      files: { file: ['test.txt', CONTENT], fileb: ['testb.txt', '<file b content>', 'text/plain'] },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { file_size: 14, token: 'foo', fileb_content_type: 'text/plain' })
  })

  test('the OpenAPI document', async () => {
    await assertDocument(client, fastapiDocument('test_request_forms_and_files/test_tutorial001.py'))
  })
})

describe('request_forms tutorial001, sent as multipart/form-data', () => {
  const app = fastapi()
  app.post('/login/', { form: { username: z.string(), password: z.string() } }, function login({ form }) {
    return { username: form.username }
  })
  const client = new TestClient(app)
  const multipart = (form: Record<string, string>) => client.post('/login/', { form, files: [] })

  test('both fields', async () => {
    const res = await multipart({ username: 'Foo', password: 'secret' })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { username: 'Foo' })
  })

  test('a field missing', async () => {
    assert.deepEqual((await multipart({ username: 'Foo' })).json(), { detail: [missing('password')] })
    assert.deepEqual((await multipart({ password: 'secret' })).json(), { detail: [missing('username')] })
    assert.deepEqual((await multipart({})).json(), { detail: [missing('username'), missing('password')] })
  })

  test('the OpenAPI document stays urlencoded, as FastAPI writes it for Form alone', async () => {
    await assertDocument(client, fastapiDocument('test_request_forms/test_tutorial001.py'))
  })
})
