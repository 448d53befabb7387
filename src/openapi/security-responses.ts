import type { DependencyGraph } from '../di/dependency-graph.js'
import type { HTTPException } from '../errors/http-exception.js'
import { reasonPhrase } from '../errors/status-phrases.js'
import { noBodyStatus } from '../http/responses.js'
import type { SchemaCollector } from './components.js'
import type { JsonSchema } from './types.js'

// The body of every `HTTPException` with a string detail, `{"detail": "Not authenticated"}`.
// FastAPI has no component for it (it documents no 401); the name is Brisk's.
const HTTP_ERROR: JsonSchema = {
  title: 'HTTPError',
  type: 'object',
  properties: { detail: { title: 'Detail', type: 'string' } },
  required: ['detail'],
}

/** A scheme's refusal, with the scheme's name for the header's description. */
interface Refusal {
  readonly scheme: string
  readonly error: HTTPException
}

/**
 * Adds to `responses` what the security schemes of the route answer missing or malformed
 * credentials with (`openapiSecurityResponses`): one response per status, usually one 401 whose
 * `WWW-Authenticate` lists each scheme's challenge. The errors are built by the schemes
 * themselves, so an overridden `notAuthenticated` (a 403, another header) is documented as it is
 * sent. A status already in `responses` is left as the route declared it.
 */
export function addSecurityResponses(
  responses: Record<string, JsonSchema>,
  graph: DependencyGraph,
  collector: SchemaCollector,
): void {
  const byStatus = new Map<number, Refusal[]>()
  const seen = new Set<string>()
  for (const node of graph.nodes) {
    const info = node.dependency.securityScheme
    if (info === undefined || seen.has(info.name)) continue
    seen.add(info.name)
    const error = info.refusal?.()
    if (error === undefined) continue
    const refusals = byStatus.get(error.status) ?? []
    refusals.push({ scheme: info.name, error })
    byStatus.set(error.status, refusals)
  }
  for (const [status, refusals] of byStatus) {
    if (String(status) in responses) continue
    responses[String(status)] = refusalResponse(status, refusals, collector)
  }
}

function refusalResponse(
  status: number,
  refusals: readonly Refusal[],
  collector: SchemaCollector,
): JsonSchema {
  const response: JsonSchema = { description: reasonPhrase(status) }
  const headers = headersOf(refusals)
  if (Object.keys(headers).length > 0) response.headers = headers
  if (noBodyStatus(status)) return response
  let schema: JsonSchema
  if (refusals.every(({ error }) => typeof error.detail === 'string')) {
    if (!collector.hasComponent('HTTPError')) collector.addComponent('HTTPError', structuredClone(HTTP_ERROR))
    schema = collector.reference('HTTPError')
  } else {
    // A detail that is not a string (an object, a list) is sent as JSON whatever its shape.
    schema = { type: 'object', properties: { detail: { title: 'Detail' } }, required: ['detail'] }
  }
  response.content = { 'application/json': { schema } }
  return response
}

/**
 * The Header Objects of the refusals: each header once, its description naming the schemes and
 * the value each sends: "Sent by APIKeyHeader: `APIKey`; by HTTPBearer: `Bearer`." It says who
 * sends what, not that nothing else is sent: the app's own dependencies may answer 401 too, with
 * a challenge of their own (`Bearer scope="me"`).
 */
function headersOf(refusals: readonly Refusal[]): Record<string, JsonSchema> {
  const values = new Map<string, { name: string; sent: Map<string, string[]> }>()
  for (const { scheme, error } of refusals) {
    for (const [name, value] of Object.entries(error.headers ?? {})) {
      const key = name.toLowerCase()
      const header = values.get(key) ?? { name, sent: new Map<string, string[]>() }
      header.sent.set(value, [...(header.sent.get(value) ?? []), scheme])
      values.set(key, header)
    }
  }
  const headers: Record<string, JsonSchema> = {}
  for (const { name, sent } of values.values()) {
    const described = [...sent].map(([value, schemes]) => `${schemes.join(', ')}: \`${value}\``)
    headers[name] = { description: `Sent by ${described.join('; by ')}.`, schema: { type: 'string' } }
  }
  return headers
}
