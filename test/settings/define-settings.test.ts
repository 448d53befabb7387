import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { inspect } from 'node:util'
import { z } from 'zod'
import { App, defineSettings, depends, SettingsError, TestClient } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'brisk-settings-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function envFile(text: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.env`)
  writeFileSync(file, text)
  return file
}

const schema = {
  DATABASE_URL: z.url(),
  PORT: z.int().min(1).default(8000),
  DEBUG: z.boolean().default(false),
  API_TOKEN: z.string(),
}

describe('defineSettings', () => {
  test('coerces strings by the schema’s types, as query parameters are, with defaults', () => {
    const settings = defineSettings(schema, {
      env: { DATABASE_URL: 'postgres://db/app', PORT: '5000', DEBUG: 'yes', API_TOKEN: 't0ken' },
    })
    assert.deepEqual(
      { ...settings.get() },
      {
        DATABASE_URL: 'postgres://db/app',
        PORT: 5000,
        DEBUG: true,
        API_TOKEN: 't0ken',
      },
    )
    assert.equal(settings.get(), settings.get(), 'read once')
    const defaults = defineSettings(schema, { env: { DATABASE_URL: 'postgres://db/app', API_TOKEN: 'x' } })
    assert.equal(defaults.get().PORT, 8000)
    assert.equal(defaults.get().DEBUG, false)
  })

  test('reads a .env file with Node’s parser; the environment wins; names match regardless of case', () => {
    const file = envFile(
      '# comment\nAPP_DATABASE_URL="postgres://file/app"\nAPP_PORT=6000\napp_api_token=from-file\n',
    )
    const settings = defineSettings(schema, { envFile: file, prefix: 'APP_', env: { APP_PORT: '7000' } })
    assert.deepEqual(
      { ...settings.get() },
      {
        DATABASE_URL: 'postgres://file/app',
        PORT: 7000,
        DEBUG: false,
        API_TOKEN: 'from-file',
      },
    )
    const missingFile = defineSettings(
      { NAME: z.string().default('x') },
      { envFile: join(dir, 'none.env'), env: {} },
    )
    assert.equal(missingFile.get().NAME, 'x')
  })

  test('lists every missing or invalid variable in one error, prefix included, and no value', () => {
    const settings = defineSettings(schema, {
      prefix: 'APP_',
      env: { APP_PORT: 'eighty', APP_DATABASE_URL: 'not a url with s3cret' },
    })
    const error = (() => {
      try {
        settings.get()
      } catch (thrown) {
        return thrown
      }
      return undefined
    })()
    assert.ok(error instanceof SettingsError)
    assert.deepEqual(
      error.issues.map((issue) => [issue.variable, issue.type]),
      [
        ['APP_DATABASE_URL', 'url_parsing'],
        ['APP_PORT', 'int_parsing'],
        ['APP_API_TOKEN', 'missing'],
      ],
    )
    assert.match(error.message, /^3 environment variables are missing or invalid:\n/)
    assert.match(error.message, /\n {2}APP_API_TOKEN: Field required$/)
    assert.match(
      error.message,
      /\n {2}APP_PORT: Input should be a valid integer, unable to parse string as an integer\n/,
    )
    assert.doesNotMatch(error.message, /s3cret|eighty/)
  })

  test('secret values never print: by name, or marked with .meta({ secret: true })', () => {
    const settings = defineSettings(
      { ...schema, DSN: z.string().meta({ secret: true }) },
      { env: { DATABASE_URL: 'postgres://db/app', API_TOKEN: 'tok-123', DSN: 'dsn-456' } },
    )
    const values = settings.get()
    assert.equal(values.API_TOKEN, 'tok-123', 'reading is unchanged')
    for (const printed of [inspect(values), JSON.stringify(values)]) {
      assert.doesNotMatch(printed, /tok-123|dsn-456/)
      assert.match(printed, /postgres:\/\/db\/app/)
    }
    assert.deepEqual(Object.keys(values), ['DATABASE_URL', 'PORT', 'DEBUG', 'API_TOKEN', 'DSN'])
  })

  test('injectable as a dependency, and overridable in tests', async () => {
    const settings = defineSettings(schema, { env: { DATABASE_URL: 'postgres://db/app', API_TOKEN: 'x' } })
    const app = new App()
    app.get('/port', { deps: { settings: settings.dependency } }, ({ settings }) => ({ port: settings.PORT }))
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/port')).json(), { port: 8000 })
    app.dependencyOverrides.set(
      settings.dependency,
      depends(() => ({ ...settings.get(), PORT: 1234 })),
    )
    assert.deepEqual((await client.get('/port')).json(), { port: 1234 })
  })
})
