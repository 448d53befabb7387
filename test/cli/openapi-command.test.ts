import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { parse } from 'yaml'
import { app as hello } from '../../examples/hello/app.js'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'
import { api as namedApi } from './fixtures/named-export.js'
import { isOneLineError, runBrisk, runBriskInProcess } from './run-brisk.js'

// Through runCli in this process (runBriskInProcess), except where only a real `brisk` process
// shows the behaviour (runBrisk): the hello example's document, a module that listens and logs
// while it loads, a top-level await that never settles, a missing module and `brisk --help`.
const HELLO = 'examples/hello/app.ts'
const fixture = (name: string) => `test/cli/fixtures/${name}.ts`
// What a client reading the document sees: JSON drops `undefined` members.
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value))

describe('brisk openapi', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'brisk-cli-'))
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  describe('output', () => {
    test('prints the app’s document as JSON indented by 2, exactly what app.openapi() returns', async () => {
      const run = await runBrisk(['openapi', HELLO])
      assert.equal(run.code, 0, run.stderr)
      assert.equal(run.stdout, `${JSON.stringify(hello.openapi(), null, 2)}\n`)
      assert.equal(run.stderr, '')
    })

    test('--format yaml parses back to the same document, without YAML aliases', async () => {
      const run = await runBriskInProcess(['openapi', HELLO, '--format', 'yaml'])
      assert.equal(run.code, 0, run.stderr)
      assert.deepEqual(parse(run.stdout), asJson(hello.openapi()))
      assert.doesNotMatch(run.stdout, /[&*]a\d+\b/)
    })

    test('--openapi-version 3.0.3 prints the down-converted document, valid OpenAPI 3.0', async () => {
      const run = await runBriskInProcess(['openapi', HELLO, '--openapi-version', '3.0.3'])
      assert.equal(run.code, 0, run.stderr)
      const document = JSON.parse(run.stdout)
      assert.equal(document.openapi, '3.0.3')
      assert.deepEqual(document, asJson(toOpenAPI30(hello.openapi() as any)))
      const result = await new Validator().validate(document)
      assert.equal(result.valid, true, JSON.stringify(result.errors))
    })

    test('--openapi-version 3.1.0 is the default document', async () => {
      const run = await runBriskInProcess(['openapi', HELLO, '--openapi-version', '3.1.0'])
      assert.equal(JSON.parse(run.stdout).openapi, '3.1.0')
    })

    test("--openapi-version 3.2.0 of a 3.1 app says to set the App's openapiVersion", async () => {
      const run = await runBriskInProcess(['openapi', HELLO, '--openapi-version', '3.2.0'])
      assert.equal(run.code, 2)
      assert.ok(isOneLineError(run.stderr), run.stderr)
      assert.match(
        run.stderr,
        /makes an OpenAPI 3\.1\.0 document; for 3\.2\.0, give its App openapiVersion: '3\.2\.0'/,
      )
      assert.equal(run.stdout, '')
    })

    test('--indent sets the JSON indent; 0 prints one line', async () => {
      const four = await runBriskInProcess(['openapi', HELLO, '--indent', '4'])
      assert.equal(four.stdout, `${JSON.stringify(hello.openapi(), null, 4)}\n`)
      const flat = await runBriskInProcess(['openapi', HELLO, '--indent', '0'])
      assert.equal(flat.stdout, `${JSON.stringify(hello.openapi())}\n`)
    })

    test('--output writes the file (making its folder) and prints nothing; .yaml means YAML', async () => {
      const file = join(dir, 'nested', 'openapi.yaml')
      const run = await runBriskInProcess(['openapi', HELLO, '--output', file, '--openapi-version', '3.0.3'])
      assert.equal(run.code, 0, run.stderr)
      assert.equal(run.stdout, '')
      const document = parse(await readFile(file, 'utf8'))
      assert.equal(document.openapi, '3.0.3')
      assert.equal(document.info.title, 'Hello Brisk')
    })

    test('paths are relative to the working directory; --format beats the file’s extension', async () => {
      const run = await runBriskInProcess(
        ['openapi', join(process.cwd(), HELLO), '-o', 'out/doc.yaml', '--format', 'json'],
        {
          cwd: dir,
        },
      )
      assert.equal(run.code, 0, run.stderr)
      assert.deepEqual(
        JSON.parse(await readFile(join(dir, 'out', 'doc.yaml'), 'utf8')),
        asJson(hello.openapi()),
      )
    })
  })

  describe('finding the app', () => {
    test('takes the default export when there is no `app` export', async () => {
      const run = await runBriskInProcess(['openapi', fixture('default-export')])
      assert.equal(run.code, 0, run.stderr)
      assert.equal(JSON.parse(run.stdout).info.title, 'Default export')
    })

    test('--app names the export', async () => {
      const run = await runBriskInProcess(['openapi', fixture('named-export'), '--app', 'api'])
      assert.equal(run.code, 0, run.stderr)
      assert.deepEqual(JSON.parse(run.stdout), asJson(namedApi.openapi()))
    })

    test('a module that starts a server and logs still prints only the document, then exits', async () => {
      const run = await runBrisk(['openapi', fixture('listens')])
      assert.equal(run.code, 0, run.stderr)
      assert.equal(JSON.parse(run.stdout).info.title, 'Listens')
      assert.match(run.stderr, /serving on http:\/\/127\.0\.0\.1:\d+/)
    })
  })

  describe('errors exit 1 with one line on stderr', () => {
    // In this process but for the cases given runBrisk: a top-level await that never settles is
    // only caught once nothing else keeps the process alive (a test runner always does), and a
    // missing module shows the exit code a shell sees.
    const cases: [string, string[], RegExp, typeof runBrisk?][] = [
      ['a missing module', ['openapi', 'nope/app.ts'], /Cannot find the module nope\/app\.ts/, runBrisk],
      [
        'a module without an app',
        ['openapi', fixture('named-export')],
        /exports no app.*--app.*it exports api/,
      ],
      ['an export that is not an app', ['openapi', fixture('not-an-app')], /"app" of .* is not a Brisk App/],
      [
        'an unknown --app export',
        ['openapi', HELLO, '--app', 'api'],
        /has no export named "api"; it exports app/,
      ],
      [
        'a module that throws',
        ['openapi', fixture('throws')],
        /Importing .*throws\.ts failed: Error: database unreachable/,
      ],
      [
        'a ConfigError',
        ['openapi', fixture('config-error')],
        /failed: ConfigError: Two different schemas .*"Thing"/,
      ],
      [
        'a top-level await that never settles',
        ['openapi', fixture('never-settles')],
        /did not finish loading/,
        runBrisk,
      ],
    ]
    for (const [name, args, message, runner = runBriskInProcess] of cases) {
      test(name, async () => {
        const run = await runner(args)
        assert.equal(run.code, 1)
        assert.equal(run.stdout, '')
        assert.ok(isOneLineError(run.stderr), run.stderr)
        assert.match(run.stderr, message)
      })
    }

    test('--debug adds the stack of the underlying error', async () => {
      const run = await runBriskInProcess(['openapi', fixture('throws'), '--debug'])
      assert.equal(run.code, 1)
      assert.match(run.stderr, /^brisk: Importing .* failed: Error: database unreachable\n/)
      assert.match(run.stderr, /\n\s+at .*throws\.ts:\d+/)
    })
  })

  describe('usage errors exit 2 without importing the module', () => {
    const cases: [string, string[], RegExp][] = [
      ['no module', ['openapi'], /Missing <module>/],
      ['two modules', ['openapi', HELLO, 'other.ts'], /Unexpected argument "other\.ts"/],
      ['an unknown option', ['openapi', HELLO, '--bogus'], /Unknown option '--bogus'/],
      ['a missing option value', ['openapi', HELLO, '--app'], /--app/],
      [
        'an unknown format',
        ['openapi', fixture('listens'), '--format', 'xml'],
        /--format must be one of json, yaml/,
      ],
      [
        'an unknown version',
        ['openapi', fixture('listens'), '--openapi-version', '3.2'],
        /3\.1\.0, 3\.2\.0, 3\.0\.3/,
      ],
      ['a bad indent', ['openapi', fixture('listens'), '--indent', 'two'], /--indent must be a whole number/],
      [
        'YAML on one line',
        ['openapi', fixture('listens'), '--format', 'yaml', '--indent', '0'],
        /at least 1/,
      ],
    ]
    for (const [name, args, message] of cases) {
      test(name, async () => {
        const run = await runBriskInProcess(args)
        assert.equal(run.code, 2)
        assert.ok(isOneLineError(run.stderr), run.stderr)
        assert.match(run.stderr, message)
        assert.equal(run.stdout, '')
      })
    }
  })

  describe('the command line', () => {
    test('--help prints the command’s usage and exits 0', async () => {
      const run = await runBriskInProcess(['openapi', '--help'])
      assert.equal(run.code, 0)
      assert.match(run.stdout, /^Usage: brisk openapi <module> \[options\]/)
      assert.match(run.stdout, /--openapi-version/)
    })

    test('brisk --help lists the commands', async () => {
      const run = await runBrisk(['--help'])
      assert.equal(run.code, 0)
      assert.match(run.stdout, /openapi <module>/)
      assert.match(run.stdout, /routes <module>/)
    })

    test('no command prints the usage on stderr and exits 2; an unknown one exits 2', async () => {
      const none = await runBriskInProcess([])
      assert.equal(none.code, 2)
      assert.match(none.stderr, /Usage: brisk <command>/)
      const unknown = await runBriskInProcess(['serve', HELLO])
      assert.equal(unknown.code, 2)
      assert.ok(isOneLineError(unknown.stderr), unknown.stderr)
      assert.match(unknown.stderr, /Unknown command "serve"; the commands are dev, run, openapi, routes/)
    })

    test('--debug may come before the command', async () => {
      const run = await runBriskInProcess(['--debug', 'openapi', HELLO])
      assert.equal(run.code, 0, run.stderr)
      assert.equal(JSON.parse(run.stdout).info.title, 'Hello Brisk')
    })
  })
})
