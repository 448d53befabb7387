import type { FlatRoute } from '../routing/flatten.js'
import { flattenRoutes } from '../routing/flatten.js'
import { documentedPath } from '../routing/path-template.js'
import type { RouteRegistry } from '../routing/route-registry.js'
import { SchemaCollector } from './components.js'
import { toOpenAPI30 } from './downgrade.js'
import { addOperations, type OperationContext } from './operation.js'
import type {
  ExternalDocsObject,
  InfoObject,
  OpenAPIDocument,
  PathItemObject,
  ServerObject,
  TagObject,
} from './types.js'

/** The OpenAPI versions Brisk writes. */
export type OpenAPIVersion = '3.2.0' | '3.1.0' | '3.0.3'

/** Every version `openapiVersion` may name, the default first. */
export const OPENAPI_VERSIONS: readonly OpenAPIVersion[] = ['3.1.0', '3.2.0', '3.0.3']

/** What a document says about the API as a whole; `App` fills it from its options. */
export interface OpenAPIInfo {
  title: string
  version: string
  summary?: string
  description?: string
  termsOfService?: string
  contact?: InfoObject['contact']
  license?: InfoObject['license']
  servers?: ServerObject[]
  /** Descriptions and links of tags, in the order Swagger UI shows them (FastAPI's `openapi_tags`). */
  tags?: TagObject[]
  externalDocs?: ExternalDocsObject
  /** Put the app's `rootPath` first in `servers`, unless listed already (default true). */
  rootPathInServers?: boolean
  rootPath?: string
  /**
   * `'3.1.0'` (default); `'3.2.0'` to describe streams with 3.2's `itemSchema`; `'3.0.3'` for
   * client generators that cannot read 3.1 yet.
   */
  openapiVersion?: OpenAPIVersion
  /**
   * Document a schema whose input and output forms differ as two components, `Item-Input` and
   * `Item-Output` (default true, as FastAPI); false describes everything by its input form.
   */
  separateInputOutputSchemas?: boolean
}

/** The result of generating a document: the document, and problems worth a warning. */
export interface GeneratedDocument {
  document: OpenAPIDocument
  warnings: string[]
}

/**
 * Generates the OpenAPI document of a set of routes: a pure function of the routes and the info,
 * run once and cached by the app (nothing on the request path imports this module).
 */
export function generateOpenAPI(
  routes: readonly FlatRoute[],
  info: OpenAPIInfo,
  webhooks?: RouteRegistry<any>,
): GeneratedDocument {
  const version = info.openapiVersion ?? '3.1.0'
  const context: OperationContext = {
    collector: new SchemaCollector(info.separateInputOutputSchemas ?? true),
    operationIds: new Map(),
    duplicates: [],
    securitySchemes: new Map(),
    // A 3.0.3 document is generated as 3.1, then down-converted.
    streamForm: version === '3.2.0' ? '3.2' : '3.1',
  }
  const paths: Record<string, PathItemObject> = {}
  addOperations(paths, routes, context)
  let webhookItems: Record<string, PathItemObject> | undefined
  if (webhooks !== undefined) {
    webhookItems = {}
    addOperations(webhookItems, flattenRoutes(webhooks, documentedPath), context)
  }
  const servers = serversOf(info)
  // FastAPI's key order: openapi, info, servers, paths, webhooks, components, tags, externalDocs.
  const document: OpenAPIDocument = {
    // 3.2 keeps 3.1's structure and schema dialect; it only adds fields.
    openapi: version === '3.2.0' ? '3.2.0' : '3.1.0',
    info: infoObject(info),
    ...(servers === undefined ? {} : { servers }),
    paths,
  }
  if (webhookItems !== undefined && Object.keys(webhookItems).length > 0) document.webhooks = webhookItems
  const schemas = context.collector.finish(document)
  const securitySchemes = Object.fromEntries(context.securitySchemes)
  if (schemas !== undefined || context.securitySchemes.size > 0) {
    document.components = {
      ...(schemas === undefined ? {} : { schemas }),
      ...(context.securitySchemes.size === 0 ? {} : { securitySchemes }),
    }
  }
  if (info.tags !== undefined && info.tags.length > 0) document.tags = structuredClone(info.tags)
  if (info.externalDocs !== undefined) document.externalDocs = structuredClone(info.externalDocs)
  dropNullKeys(document)
  const result = version === '3.0.3' ? (toOpenAPI30(document) as OpenAPIDocument) : document
  return { document: result, warnings: context.duplicates }
}

function infoObject(info: OpenAPIInfo): InfoObject {
  const out: InfoObject = { title: info.title, version: info.version }
  if (info.summary !== undefined) out.summary = info.summary
  if (info.description !== undefined) out.description = info.description
  if (info.termsOfService !== undefined) out.termsOfService = info.termsOfService
  if (info.contact !== undefined) out.contact = structuredClone(info.contact)
  if (info.license !== undefined) out.license = structuredClone(info.license)
  return out
}

/**
 * The document as served under another root path than the one it was generated for (a mount, or
 * a proxy prefix read per request): the same document with `servers` made for that root path.
 */
export function withRootPath(
  document: OpenAPIDocument,
  info: OpenAPIInfo,
  rootPath: string,
): OpenAPIDocument {
  const servers = serversOf({ ...info, rootPath })
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(document)) {
    if (key === 'servers') continue
    out[key] = value
    if (key === 'info' && servers !== undefined) out.servers = servers
  }
  return out as OpenAPIDocument
}

/** `servers`, with the root path first when the app runs behind a proxy prefix. */
function serversOf(info: OpenAPIInfo): ServerObject[] | undefined {
  const servers = structuredClone(info.servers ?? [])
  const rootPath = info.rootPath ?? ''
  if (rootPath !== '' && (info.rootPathInServers ?? true) && !servers.some((s) => s.url === rootPath)) {
    servers.unshift({ url: rootPath })
  }
  return servers.length > 0 ? servers : undefined
}

/**
 * FastAPI encodes its document with `exclude_none`: a key whose value is null is left out at any
 * depth (`default: null` of an optional field included), while nulls inside lists stay.
 */
function dropNullKeys(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropNullKeys(item)
    return
  }
  if (typeof value !== 'object' || value === null) return
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (record[key] === null) delete record[key]
    else dropNullKeys(record[key])
  }
}
