// The contract test: for each example app and a rich fixture app, requests generated from every
// operation's schemas in the app's OpenAPI document (valid and invalid, from a fixed seed) go
// through the in-process TestClient, and every response is held against the document: no 5xx, a
// declared status and media type, a body matching the declared schema (Ajv, 2020-12, formats
// on), FastAPI's 422 shape. Rerun with another seed: BRISK_CONTRACT_SEED=123 node scripts/run-tests.mjs contract
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { type App, TestClient, type TestResponse } from '../../src/index.js'
import { checkResponse, type Problem } from './check-response.js'
import { type AppCredentials, CredentialSource } from './credentials.js'
import { AVATAR_MAX_SIZE, FIXTURE_CREDENTIALS } from './fixture-app.js'
import { type GeneratedRequest, generateRequests, type Hints } from './generate-requests.js'
import { operationsOf } from './operations.js'
import { type JsonSchema, SchemaValidator } from './schema-validator.js'
import { SeededRandom } from './seeded-random.js'

const SEED = Number(process.env.BRISK_CONTRACT_SEED ?? 20_240_612)
const VALID_PER_OPERATION = 6
const INVALID_PER_OPERATION = 10

interface ContractApp {
  name: string
  module: string
  credentials?: AppCredentials
  hints?: Hints
  /** File field name to its `upload({ maxSize })`, which the document does not carry. */
  fileLimits?: Record<string, number>
}

const APPS: ContractApp[] = [
  { name: 'examples/hello', module: 'examples/hello/app.ts', hints: { item_id: ['foo', 'bar'] } },
  {
    name: 'examples/oauth2-jwt',
    module: 'examples/oauth2-jwt/app.ts',
    credentials: { username: 'johndoe', password: 'secret' },
    hints: { username: ['johndoe', 'alice'], password: ['secret', 'secretalice'] },
  },
  {
    name: 'test/contract/fixture-app',
    module: 'test/contract/fixture-app.ts',
    credentials: FIXTURE_CREDENTIALS,
    fileLimits: { avatar: AVATAR_MAX_SIZE },
    hints: {
      item_id: [1, 42, 501],
      username: [FIXTURE_CREDENTIALS.username],
      password: [FIXTURE_CREDENTIALS.password],
    },
  },
]

interface Finding {
  request: GeneratedRequest
  status: number
  problems: Problem[]
}

for (const contract of APPS) {
  describe(`contract: ${contract.name}`, () => {
    test('every response agrees with the OpenAPI document', async (t) => {
      // A module instance of its own: the examples keep data in memory, and other test files in
      // this process read the same examples.
      const url = `${pathToFileURL(contract.module).href}?contract`
      const { app } = (await import(url)) as { app: App }
      const document = app.openapi() as JsonSchema
      const schemas = new SchemaValidator(document)
      const client = new TestClient(app, { raiseServerExceptions: false })
      const credentials = new CredentialSource(
        client,
        document,
        contract.credentials ?? { username: '', password: '' },
      )
      const random = new SeededRandom(SEED ^ hashOf(contract.name))
      const findings: Finding[] = []
      let sent = 0
      for (const operation of operationsOf(document)) {
        const requests = generateRequests(operation, {
          random,
          schemas,
          hints: contract.hints,
          ...(contract.fileLimits === undefined ? {} : { fileLimits: contract.fileLimits }),
          validCount: VALID_PER_OPERATION,
          invalidCount: INVALID_PER_OPERATION,
        })
        for (const request of requests) {
          const response = await send(client, request, credentials)
          sent++
          const problems = checkResponse(request, response, schemas)
          if (problems.length > 0) findings.push({ request, status: response.status, problems })
        }
      }
      t.diagnostic(`${sent} requests (seed ${SEED}), ${credentials.logins.length} logins`)
      // One line per operation and kind of disagreement, with the first request that showed it.
      const failures = new Map<string, { first: string; count: number }>()
      for (const finding of findings) {
        for (const problem of finding.problems) {
          const key = `${finding.request.operation.name}: ${problem.kind}`
          const seen = failures.get(key)
          if (seen === undefined) failures.set(key, { first: describeFailure(finding, problem), count: 1 })
          else seen.count++
        }
      }
      const report = [...failures.values()].map(
        ({ first, count }) => `${first}\n  (${count} requests like it)`,
      )
      assert.deepEqual(report, [], `${failures.size} kinds of disagreement (seed ${SEED})`)
    })
  })
}

async function send(
  client: TestClient,
  request: GeneratedRequest,
  source: CredentialSource,
): Promise<TestResponse> {
  const { operation } = request
  const parts = request.authenticate
    ? await source.partsFor(operation.security)
    : { headers: {}, query: {}, cookies: {} }
  const headers = { ...request.headers, ...parts.headers }
  if (request.raw !== undefined) headers['content-type'] = request.raw.contentType
  return client.request(operation.method, request.url, {
    query: { ...request.query, ...parts.query },
    headers,
    cookies: { ...request.cookies, ...parts.cookies },
    ...(request.json === undefined ? {} : { json: request.json }),
    ...(request.form === undefined ? {} : { form: request.form }),
    ...(request.raw === undefined ? {} : { content: request.raw.content }),
    ...(request.files === undefined ? {} : { files: request.files }),
  })
}

/** Everything needed to replay the request by hand. */
function describeFailure({ request, status, problems: _ }: Finding, problem: Problem): string {
  const sent = {
    query: request.query,
    headers: request.headers,
    cookies: request.cookies,
    json: request.json,
    form: request.form,
    raw: request.raw,
    files: request.files?.map(([name, [filename, content, type]]) => [
      name,
      filename,
      type,
      `${content.length} bytes`,
    ]),
  }
  return (
    `${problem.kind}: ${request.operation.method} ${request.url} (${request.how}, document says ` +
    `${request.valid ? 'valid' : 'invalid'}) answered ${status}: ${problem.detail}\n  sent ${JSON.stringify(sent)}`
  )
}

/** A stable number per app, so each app draws its own sequence from the one seed. */
function hashOf(text: string): number {
  let hash = 2_166_136_261
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619)
  return hash >>> 0
}
