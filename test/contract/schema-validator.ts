// Ajv over an OpenAPI 3.1 document's schemas (JSON Schema 2020-12, formats on): what a client
// that trusts the document would accept. `#/components/schemas/...` refs resolve against the
// document, which is added to Ajv once under its own URI.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

export type JsonSchema = Record<string, unknown>

const DOCUMENT_URI = 'https://contract.brisk.test/openapi.json'

/** Validates values against schemas taken from one OpenAPI document. */
export class SchemaValidator {
  readonly #ajv: Ajv2020
  readonly #compiled = new WeakMap<object, ValidateFunction>()
  readonly #components: Record<string, JsonSchema>

  constructor(document: JsonSchema) {
    // strict off: OpenAPI's own keywords (discriminator, example, xml) sit beside JSON Schema's.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats.default(this.#ajv)
    // OpenAPI's format registry: hints for UIs, not constraints (OAS 3.1 §4.8.24.2).
    for (const name of ['password', 'binary', 'byte', 'int32', 'int64', 'float', 'double']) {
      this.#ajv.addFormat(name, true)
    }
    const components = (document.components ?? {}) as JsonSchema
    this.#components = (components.schemas ?? {}) as Record<string, JsonSchema>
    this.#ajv.addSchema({ $id: DOCUMENT_URI, components: { schemas: this.#components } })
  }

  /** Ajv's complaints about `value`, or an empty list when it matches `schema`. */
  errors(schema: JsonSchema, value: unknown): string[] {
    let validate = this.#compiled.get(schema)
    if (validate === undefined) {
      validate = this.#ajv.compile(absoluteRefs(schema) as JsonSchema)
      this.#compiled.set(schema, validate)
    }
    if (validate(value)) return []
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
  }

  /** The schema a `$ref` to a component points at; other schemas as they are. */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema
    for (let hops = 0; typeof current.$ref === 'string'; hops++) {
      const name = current.$ref.replace('#/components/schemas/', '')
      const target = this.#components[name]
      if (target === undefined || hops > 20) throw new Error(`cannot resolve ${current.$ref}`)
      const { $ref: _ref, ...siblings } = current
      current = { ...target, ...siblings }
    }
    return current
  }
}

/** `schema` with its document-relative refs made absolute, so Ajv finds them in the document. */
function absoluteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absoluteRefs)
  if (typeof schema !== 'object' || schema === null) return schema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? DOCUMENT_URI + value
        : absoluteRefs(value)
  }
  return out
}
