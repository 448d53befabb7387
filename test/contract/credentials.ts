// Credentials for an operation's security requirement, obtained the way a client reads them off
// the document: an OAuth2 password flow logs in at its `tokenUrl` with the scopes the operation
// asks for; HTTP Basic and Bearer and API keys are sent where their scheme says.
import type { TestClient, TestResponse } from '../../src/index.js'
import type { JsonSchema } from './schema-validator.js'

/** What the contract test knows of an app's users. */
export interface AppCredentials {
  username: string
  password: string
  /** The key for every `apiKey` scheme. */
  apiKey?: string
}

/** Where credentials go on a request. */
export interface CredentialParts {
  headers: Record<string, string>
  query: Record<string, string>
  cookies: Record<string, string>
}

/** Logs in for OAuth2 and builds the other schemes' credentials, caching tokens by scope set. */
export class CredentialSource {
  readonly #client: TestClient
  readonly #schemes: Record<string, JsonSchema>
  readonly #credentials: AppCredentials
  readonly #tokens = new Map<string, string>()
  /** Every token request and its response, for the caller to check like any other. */
  readonly logins: { url: string; form: Record<string, string>; response: TestResponse }[] = []

  constructor(client: TestClient, document: JsonSchema, credentials: AppCredentials) {
    this.#client = client
    this.#schemes = ((document.components as JsonSchema | undefined)?.securitySchemes ?? {}) as Record<
      string,
      JsonSchema
    >
    this.#credentials = credentials
  }

  /** Credentials satisfying the first of `requirements` (an operation's `security`). */
  async partsFor(requirements: Record<string, string[]>[]): Promise<CredentialParts> {
    const parts: CredentialParts = { headers: {}, query: {}, cookies: {} }
    for (const [name, scopes] of Object.entries(requirements[0] ?? {})) {
      const scheme = this.#schemes[name]
      if (scheme === undefined) throw new Error(`security scheme ${name} is not in components`)
      await this.#add(scheme, scopes, parts)
    }
    return parts
  }

  async #add(scheme: JsonSchema, scopes: string[], parts: CredentialParts): Promise<void> {
    const { username, password, apiKey } = this.#credentials
    if (scheme.type === 'apiKey') {
      if (apiKey === undefined) throw new Error('the app has an apiKey scheme: give credentials.apiKey')
      const where =
        scheme.in === 'query' ? parts.query : scheme.in === 'cookie' ? parts.cookies : parts.headers
      where[scheme.name as string] = apiKey
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
      parts.headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
    } else if (scheme.type === 'oauth2') {
      parts.headers.authorization = `Bearer ${await this.#token(scheme, scopes)}`
    } else {
      throw new Error(`no way to authenticate with ${JSON.stringify(scheme)}`)
    }
  }

  async #token(scheme: JsonSchema, scopes: string[]): Promise<string> {
    const key = [...scopes].sort().join(' ')
    const cached = this.#tokens.get(key)
    if (cached !== undefined) return cached
    const flow = (scheme.flows as Record<string, JsonSchema> | undefined)?.password
    if (flow === undefined) throw new Error('only the OAuth2 password flow can log in here')
    // A relative tokenUrl is relative to the document's origin, as Swagger UI reads it.
    const url = new URL(String(flow.tokenUrl), 'http://testserver/').pathname
    const form = { username: this.#credentials.username, password: this.#credentials.password, scope: key }
    const response = await this.#client.post(url, { form })
    this.logins.push({ url, form, response })
    const token = (response.json() as { access_token?: unknown }).access_token
    if (response.status !== 200 || typeof token !== 'string') {
      throw new Error(`login at ${url} failed: ${response.status} ${response.text}`)
    }
    this.#tokens.set(key, token)
    return token
  }
}
