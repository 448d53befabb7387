import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { nearestName } from '../../src/errors/check-options.js'
import {
  App,
  ConfigError,
  depends,
  HTTPBearer,
  OAuth2PasswordBearer,
  Router,
  security,
  TestClient,
} from '../../src/index.js'
import { JwtCodec } from '../../src/security/index.js'
import { configError } from './config-error-message.js'

describe('an unknown option is a ConfigError naming it and the nearest valid one', () => {
  test('new App({ deps })', () => {
    const message = configError(() => new App({ deps: [] } as never))
    assert.match(message, /Unknown option "deps" for new App\(\)\. Did you mean "dependencies"\?/)
  })

  test('new Router({ deps }) and include(r, { deps })', () => {
    assert.match(
      configError(() => new Router({ deps: [] } as never)),
      /"deps" for new Router\(\).*"dependencies"/,
    )
    const app = new App()
    const router = new Router()
    assert.match(
      configError(() => app.include(router, { deps: [] } as never)),
      /"deps" for include\(\).*"dependencies"/,
    )
  })

  test('a route option, misspelt or misused', () => {
    const app = new App()
    assert.match(
      configError(() => app.get('/a', { sumary: 'x' } as {}, () => null)),
      /Unknown option "sumary" for route GET \/a\. Did you mean "summary"\?/,
    )
    assert.match(
      configError(() => app.post('/upload', { files: { image: z.string() } } as {}, () => null)),
      /File field "image" of route POST \/upload must be made with upload\(\)/,
    )
    assert.match(
      configError(() => app.get('/b', { bodylimit: 10 } as {}, () => null)),
      /"bodyLimit"/,
    )
  })

  test('depends(), security(), listen(), TestClient, schemes and JwtCodec', async () => {
    assert.match(
      configError(() => depends(() => 1, { cached: false } as never)),
      /"cached".*"cache"/,
    )
    const dep = depends(() => 1)
    assert.match(
      configError(() => security(dep, { scope: ['x'] } as never)),
      /"scope".*"scopes"/,
    )
    assert.match(
      configError(() => new TestClient(new App(), { base_url: 'x' } as never)),
      /"base_url"/,
    )
    assert.match(
      configError(() => new OAuth2PasswordBearer({ tokenURL: 'token' } as never)),
      /"tokenURL" for new OAuth2PasswordBearer\(\)\. Did you mean "tokenUrl"\?/,
    )
    assert.match(
      configError(() => new HTTPBearer({ auto_error: false } as never)),
      /"auto_error"/,
    )
    assert.match(
      configError(() => new JwtCodec({ algorithm: 'HS256', secret: 'x'.repeat(32), expiresIn: 60 } as never)),
      /"expiresIn" for new JwtCodec\(\)/,
    )
    const app = new App()
    await assert.rejects(app.listen({ port: 0, handleSignals: false, hostname: 'x' } as never), ConfigError)
  })

  test('valid options, and a subclass of a scheme with options of its own, still pass', () => {
    assert.doesNotThrow(
      () => new App({ title: 'x', dependencies: [], docsUrl: null, maxValidationErrors: 5 }),
    )
    class TenantBearer extends HTTPBearer {
      constructor(options: { tenant: string }) {
        super({ bearerFormat: 'JWT', ...({ tenant: options.tenant } as object) })
      }
    }
    assert.doesNotThrow(() => new TenantBearer({ tenant: 'acme' }))
  })
})

test('the nearest name: a shared start first, then a few edits, else none', () => {
  assert.equal(nearestName('deps', ['tags', 'dependencies', 'prefix']), 'dependencies')
  assert.equal(nearestName('sumary', ['summary', 'tags']), 'summary')
  assert.equal(nearestName('Titel', ['title', 'version']), 'title')
  assert.equal(nearestName('zzzz', ['title', 'version']), undefined)
})

test('app.include() given an App points to mounting', () => {
  const message = configError(() => new App().include(new App()))
  assert.match(message, /app\.include\(\) takes a Router, not an App/)
  assert.match(message, /app\.mount/)
})
