/** A JSON Schema (2020-12) object, as it appears in an OpenAPI 3.1 document. */
export type JsonSchema = Record<string, any>

/** `info` of an OpenAPI document. */
export interface InfoObject {
  title: string
  version: string
  summary?: string
  description?: string
  termsOfService?: string
  contact?: { name?: string; url?: string; email?: string; [extension: string]: unknown }
  license?: { name: string; identifier?: string; url?: string; [extension: string]: unknown }
  [extension: string]: unknown
}

/** One entry of `servers`. */
export interface ServerObject {
  url: string
  description?: string
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>
  [extension: string]: unknown
}

/** Documentation elsewhere: `externalDocs`. */
export interface ExternalDocsObject {
  url: string
  description?: string
  [extension: string]: unknown
}

/** One entry of the top-level `tags`: a tag's description and link (FastAPI's `openapi_tags`). */
export interface TagObject {
  name: string
  description?: string
  externalDocs?: ExternalDocsObject
  [extension: string]: unknown
}

/** An operation: one method on one path. */
export type OperationObject = Record<string, any>

/** The operations of one path, by lower-case method. */
export type PathItemObject = Record<string, OperationObject>

/** An OpenAPI 3.1 document, as Brisk generates it. */
export interface OpenAPIDocument {
  openapi: string
  info: InfoObject
  servers?: ServerObject[]
  paths: Record<string, PathItemObject>
  webhooks?: Record<string, PathItemObject>
  components?: {
    schemas?: Record<string, JsonSchema>
    securitySchemes?: Record<string, Record<string, unknown>>
    [section: string]: unknown
  }
  tags?: TagObject[]
  externalDocs?: ExternalDocsObject
  [extension: string]: unknown
}
