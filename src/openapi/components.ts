import { ConfigError } from '../errors/config-error.js'
import type { Schema } from '../schema/standard.js'
import { type ConvertedSchema, convertSchema, forEachSubschema, type SchemaMode } from './json-schema.js'
import { componentName } from './naming.js'
import type { JsonSchema } from './types.js'

const DEFS_PREFIX = '#/$defs/'

interface PendingReference {
  node: JsonSchema
  name: string
  mode: SchemaMode
}

/** How `use` places a schema. */
export interface UseOptions {
  /**
   * A root schema with a `title` (an object or an enum) becomes a component named by it, as a
   * Pydantic model does. Off for parameters, whose titles are only labels.
   */
  titleNamesComponent?: boolean
}

/**
 * Collects the schemas of one document: converts each route schema once per mode, hoists named
 * schemas (`.meta({ id })`) into `components.schemas`, and at the end decides, per name, whether
 * input and output forms differ (then `Item-Input` and `Item-Output`, as FastAPI's
 * `separate_input_output_schemas`) and points every `$ref` at the right one.
 */
export class SchemaCollector {
  readonly #separate: boolean
  readonly #defs: Record<SchemaMode, Map<string, JsonSchema>> = { input: new Map(), output: new Map() }
  readonly #fixed = new Map<string, JsonSchema>()
  readonly #references: PendingReference[] = []
  readonly #cache = new Map<Schema, Partial<Record<SchemaMode, ConvertedSchema>>>()

  /** With `separate: false` every schema is described in its input form, FastAPI's opt-out. */
  constructor(separate = true) {
    this.#separate = separate
  }

  /**
   * The JSON Schema to place where `schema` is used: a `$ref` when it is a named component, else
   * the schema inline with references to the components it contains.
   */
  use(schema: Schema, mode: SchemaMode, options: UseOptions = {}): JsonSchema {
    const converted = this.#convert(schema, mode)
    let root = converted.root
    if (options.titleNamesComponent === true && typeof root.title === 'string' && isNameable(root)) {
      const name = componentName(root.title)
      this.#addDef(name, root, mode)
      root = { $ref: `${DEFS_PREFIX}${name}` }
    }
    for (const [name, def] of Object.entries(converted.defs)) this.#addDef(componentName(name), def, mode)
    this.#track(root, mode)
    return root
  }

  /**
   * The object schema of a parameter model, inline even when it is named: its fields are listed
   * one by one as parameters and the model itself is not a component.
   */
  inlineObject(schema: Schema): JsonSchema {
    const converted = this.#convert(schema, 'input')
    let root = converted.root
    const defs = { ...converted.defs }
    const target = typeof root.$ref === 'string' ? root.$ref.slice(DEFS_PREFIX.length) : undefined
    if (target !== undefined && defs[target] !== undefined) {
      root = defs[target]!
      delete defs[target]
    }
    for (const [name, def] of Object.entries(defs)) this.#addDef(componentName(name), def, 'input')
    this.#track(root, 'input')
    return root
  }

  /** Adds a schema Brisk builds itself (`Body_…`, `HTTPValidationError`) under a fixed name. */
  addComponent(name: string, schema: JsonSchema): void {
    this.#fixed.set(name, schema)
  }

  /** A `$ref` to a component added with `addComponent`. */
  reference(name: string): JsonSchema {
    return { $ref: `#/components/schemas/${name}` }
  }

  /** Resolves every reference and returns `components.schemas`, sorted by name; undefined when empty. */
  finish(): Record<string, JsonSchema> | undefined {
    const split = this.#splitNames()
    for (const { node, name, mode } of this.#references) {
      node.$ref = `#/components/schemas/${split.has(name) ? suffixed(name, mode) : name}`
    }
    const schemas: Record<string, JsonSchema> = {}
    for (const [name, schema] of this.#fixed) schemas[name] = schema
    for (const mode of ['input', 'output'] as const) {
      for (const [name, schema] of this.#defs[mode]) {
        if (split.has(name)) schemas[suffixed(name, mode)] = schema
        else schemas[name] ??= schema
      }
    }
    const names = Object.keys(schemas).sort()
    if (names.length === 0) return undefined
    return Object.fromEntries(names.map((name) => [name, schemas[name]!]))
  }

  #convert(schema: Schema, requested: SchemaMode): ConvertedSchema {
    const mode = this.#separate ? requested : 'input'
    let entry = this.#cache.get(schema)
    if (entry === undefined) {
      entry = {}
      this.#cache.set(schema, entry)
    }
    entry[mode] ??= convertSchema(schema, mode)
    // Each use gets its own copy: references are resolved by mutating the nodes in place.
    return structuredClone(entry[mode]!)
  }

  #addDef(name: string, def: JsonSchema, requested: SchemaMode): void {
    const mode = this.#separate ? requested : 'input'
    const known = this.#defs[mode].get(name)
    if (known === undefined) {
      this.#defs[mode].set(name, def)
      this.#track(def, mode)
      return
    }
    if (!sameJson(known, def)) {
      throw new ConfigError(
        `Two different schemas are both named "${name}" in the OpenAPI document; give them different ids.`,
      )
    }
  }

  /** Remembers every `#/$defs/…` reference inside `json` to point it at its component later. */
  #track(json: JsonSchema, requested: SchemaMode): void {
    const mode = this.#separate ? requested : 'input'
    const visit = (node: JsonSchema): void => {
      if (typeof node.$ref === 'string' && node.$ref.startsWith(DEFS_PREFIX)) {
        const name = componentName(node.$ref.slice(DEFS_PREFIX.length))
        node.$ref = `${DEFS_PREFIX}${name}`
        this.#references.push({ node, name, mode })
      }
      forEachSubschema(node, visit)
    }
    visit(json)
  }

  /**
   * Names whose input and output forms differ, directly or through a schema they refer to: those
   * get `-Input` and `-Output` components. A name used in one mode only keeps its plain name.
   */
  #splitNames(): Set<string> {
    const split = new Set<string>()
    if (!this.#separate) return split
    const both = [...this.#defs.input.keys()].filter((name) => this.#defs.output.has(name))
    for (const name of both) {
      if (!sameJson(this.#defs.input.get(name)!, this.#defs.output.get(name)!)) split.add(name)
    }
    let grew = true
    while (grew) {
      grew = false
      for (const name of both) {
        if (split.has(name)) continue
        const refersToSplit = (['input', 'output'] as const).some((mode) =>
          referencedNames(this.#defs[mode].get(name)!).some((target) => split.has(target)),
        )
        if (refersToSplit) {
          split.add(name)
          grew = true
        }
      }
    }
    return split
  }
}

function suffixed(name: string, mode: SchemaMode): string {
  return `${name}-${mode === 'input' ? 'Input' : 'Output'}`
}

function isNameable(json: JsonSchema): boolean {
  return json.type === 'object' || Array.isArray(json.enum)
}

function referencedNames(json: JsonSchema): string[] {
  const names: string[] = []
  const visit = (node: JsonSchema): void => {
    if (typeof node.$ref === 'string' && node.$ref.startsWith(DEFS_PREFIX)) {
      names.push(node.$ref.slice(DEFS_PREFIX.length))
    }
    forEachSubschema(node, visit)
  }
  visit(json)
  return names
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
