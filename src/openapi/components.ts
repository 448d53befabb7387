import { ConfigError } from '../errors/config-error.js'
import type { Schema } from '../schema/standard.js'
import { type ConvertedSchema, convertSchema, forEachSubschema, type SchemaMode } from './json-schema.js'
import { componentName } from './naming.js'
import type { JsonSchema } from './types.js'

const DEFS_PREFIX = '#/$defs/'

// While a document is built, a reference names its mode too: `#/$defs/input/Item`. The mode decides
// at the end whether it points at `Item`, `Item-Input` or `Item-Output`; keeping it in the string
// (not in a list of nodes) survives the copies that merging `responses` and `openapi` extras make.
const PLACEHOLDER = /^#\/\$defs\/(input|output)\/(.*)$/s

/** How `use` places a schema. */
export interface UseOptions {
  /**
   * A root schema with a `title` (an object or an enum) becomes a component named by it, as a
   * Pydantic model does. Off for parameters, whose titles are only labels.
   */
  titleNamesComponent?: boolean
}

/** Where a component came from: the schema a use named it in, to tell a clash from a split. */
interface Source {
  readonly schema: Schema
  /** The use named the root schema by its title (`UseOptions.titleNamesComponent`). */
  readonly namesRoot: boolean
  /** The operation being documented (`POST /items`), for the clash message. */
  readonly usedBy: string | undefined
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
  readonly #cache = new Map<Schema, Partial<Record<SchemaMode, ConvertedSchema>>>()
  readonly #sources: Record<SchemaMode, Map<string, Source>> = { input: new Map(), output: new Map() }
  #usedBy: string | undefined

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
    const source: Source = { schema, namesRoot: options.titleNamesComponent === true, usedBy: this.#usedBy }
    let root = converted.root
    const name = rootName(source, root)
    if (name !== undefined) {
      this.#addDef(name, root, mode, source)
      root = { $ref: `${DEFS_PREFIX}${name}` }
    }
    for (const [name, def] of Object.entries(converted.defs)) {
      this.#addDef(componentName(name), def, mode, source)
    }
    this.#track(root, mode)
    return root
  }

  /**
   * Builds one operation's part of the document with `label` (`POST /items`) naming the schemas'
   * users in a clash's message.
   */
  within<T>(label: string, build: () => T): T {
    const outer = this.#usedBy
    this.#usedBy = label
    try {
      return build()
    } finally {
      this.#usedBy = outer
    }
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
    const source: Source = { schema, namesRoot: false, usedBy: this.#usedBy }
    for (const [name, def] of Object.entries(defs)) this.#addDef(componentName(name), def, 'input', source)
    this.#track(root, 'input')
    return root
  }

  /** Adds a schema Brisk builds itself (`Body_…`, `HTTPValidationError`) under a fixed name. */
  addComponent(name: string, schema: JsonSchema): void {
    this.#fixed.set(name, schema)
  }

  /** Whether a component was added under `name` with `addComponent`. */
  hasComponent(name: string): boolean {
    return this.#fixed.has(name)
  }

  /** A `$ref` to a component added with `addComponent`. */
  reference(name: string): JsonSchema {
    return { $ref: `#/components/schemas/${name}` }
  }

  /**
   * Points every reference in `document` (and in the components) at its component and returns
   * `components.schemas`, sorted by name; undefined when there are none.
   */
  finish(document: object): Record<string, JsonSchema> | undefined {
    const split = this.#splitNames()
    const resolve = (node: unknown): void => {
      if (Array.isArray(node)) {
        for (const item of node) resolve(item)
        return
      }
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      const match = typeof record.$ref === 'string' ? PLACEHOLDER.exec(record.$ref) : null
      if (match !== null) {
        const [, mode, name] = match as unknown as [string, SchemaMode, string]
        record.$ref = `#/components/schemas/${split.has(name) ? suffixed(name, mode) : name}`
      }
      for (const value of Object.values(record)) resolve(value)
    }
    resolve(document)
    const schemas: Record<string, JsonSchema> = {}
    for (const [name, schema] of this.#fixed) schemas[name] = schema
    for (const mode of ['input', 'output'] as const) {
      for (const [name, schema] of this.#defs[mode]) {
        const key = split.has(name) ? suffixed(name, mode) : name
        const fixed = this.#fixed.get(key)
        // A user's schema under the name of one of Brisk's own would otherwise vanish, its
        // references pointing at Brisk's schema.
        if (fixed !== undefined && !sameJson(fixed, schema)) {
          throw reservedName(key, this.#sources[mode].get(name)!)
        }
        if (split.has(name)) schemas[key] = schema
        else schemas[name] ??= schema
      }
    }
    resolve(schemas)
    addDiscriminatorMappings(document, schemas)
    addDiscriminatorMappings(schemas, schemas)
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

  #addDef(name: string, def: JsonSchema, requested: SchemaMode, source: Source): void {
    const mode = this.#separate ? requested : 'input'
    this.#track(def, mode)
    const known = this.#defs[mode].get(name)
    if (known === undefined) {
      this.#defs[mode].set(name, def)
      this.#sources[mode].set(name, source)
    } else if (!sameJson(known, def)) throw clash(name, this.#sources[mode].get(name)!, source)
  }

  /**
   * Throws the clash error unless a name whose input and output forms differ has them from one
   * schema (FastAPI then documents `Item-Input` and `Item-Output`), rather than from two schemas
   * sharing the name. Each side's schema is described the other way round: one schema gives back
   * the other side's form. A side that does not name the component at all the other way (a
   * pipe's two ends) cannot tell, and is taken as one schema.
   */
  #checkOneSchema(name: string): void {
    const input = this.#sources.input.get(name)!
    const output = this.#sources.output.get(name)!
    if (input.schema === output.schema && input.namesRoot === output.namesRoot) return
    for (const [source, mode] of [
      [output, 'input'],
      [input, 'output'],
    ] as const) {
      const other = this.#componentsOf(source, mode).get(name)
      if (other !== undefined && !sameJson(other, this.#defs[mode].get(name)!))
        throw clash(name, input, output)
    }
  }

  /** The components a use of `source` would add in `mode`, by name, without adding them. */
  #componentsOf(source: Source, mode: SchemaMode): Map<string, JsonSchema> {
    const { root, defs } = this.#convert(source.schema, mode)
    const named = new Map<string, JsonSchema>()
    const name = rootName(source, root)
    if (name !== undefined) named.set(name, root)
    for (const [key, def] of Object.entries(defs)) named.set(componentName(key), def)
    for (const def of named.values()) this.#track(def, mode)
    return named
  }

  /** Marks every `#/$defs/…` reference inside `json` with its mode, to resolve when done. */
  #track(json: JsonSchema, requested: SchemaMode): void {
    const mode = this.#separate ? requested : 'input'
    const visit = (node: JsonSchema): void => {
      if (
        typeof node.$ref === 'string' &&
        node.$ref.startsWith(DEFS_PREFIX) &&
        !PLACEHOLDER.test(node.$ref)
      ) {
        const name = unescapePointer(node.$ref.slice(DEFS_PREFIX.length))
        node.$ref = `${DEFS_PREFIX}${mode}/${componentName(name)}`
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
      if (sameJson(this.#defs.input.get(name)!, this.#defs.output.get(name)!)) continue
      this.#checkOneSchema(name)
      split.add(name)
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

/** The component a use names its root schema by, when it does (a titled model or enum). */
function rootName(source: Source, root: JsonSchema): string | undefined {
  if (!source.namesRoot || typeof root.title !== 'string' || !isNameable(root)) return undefined
  return componentName(root.title)
}

function clash(name: string, first: Source, second: Source): ConfigError {
  const users = [first.usedBy, second.usedBy].filter((label) => label !== undefined)
  const where =
    users.length === 0
      ? ''
      : users[0] === users[1]
        ? ` (both in ${users[0]})`
        : ` (in ${users.join(' and ')})`
  return new ConfigError(
    `Two different schemas are both named "${name}" in the OpenAPI document${where}; give them different ids.`,
  )
}

function reservedName(name: string, user: Source): ConfigError {
  const where = user.usedBy === undefined ? '' : ` (${user.usedBy} uses one)`
  return new ConfigError(
    `"${name}" names a schema Brisk adds to the OpenAPI document itself${where}; give yours another id.`,
  )
}

/**
 * Completes every `discriminator` whose branches are all components: `mapping` from each
 * branch's constant discriminator value to its `$ref`, as Pydantic writes it for tagged unions.
 */
function addDiscriminatorMappings(node: unknown, schemas: Record<string, JsonSchema>): void {
  if (Array.isArray(node)) {
    for (const item of node) addDiscriminatorMappings(item, schemas)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const record = node as JsonSchema
  const branches = record.oneOf ?? record.anyOf
  const property = record.discriminator?.propertyName
  if (typeof property === 'string' && Array.isArray(branches) && record.discriminator.mapping === undefined) {
    const mapping: Record<string, string> = {}
    for (const branch of branches) {
      const ref = typeof branch?.$ref === 'string' ? (branch.$ref as string) : undefined
      const target = ref === undefined ? undefined : schemas[ref.slice(ref.lastIndexOf('/') + 1)]
      const value = target?.properties?.[property]?.const
      if (ref === undefined || typeof value !== 'string') return
      mapping[value] = ref
    }
    record.discriminator.mapping = mapping
  }
  for (const value of Object.values(record)) addDiscriminatorMappings(value, schemas)
}

/** A JSON Pointer token as written in a `$ref` (`v1~1Item`) back to the name (`v1/Item`). */
function unescapePointer(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}

function suffixed(name: string, mode: SchemaMode): string {
  return `${name}-${mode === 'input' ? 'Input' : 'Output'}`
}

/** A model (an object with declared fields) or an enum: what Pydantic makes a component. */
function isNameable(json: JsonSchema): boolean {
  return (json.type === 'object' && json.properties !== undefined) || Array.isArray(json.enum)
}

function referencedNames(json: JsonSchema): string[] {
  const names: string[] = []
  const visit = (node: JsonSchema): void => {
    const match = typeof node.$ref === 'string' ? PLACEHOLDER.exec(node.$ref) : null
    if (match !== null) names.push(match[2]!)
    forEachSubschema(node, visit)
  }
  visit(json)
  return names
}

/** Equal as JSON, reading references by name only (their mode is decided later). */
function sameJson(a: unknown, b: unknown): boolean {
  const neutral = (value: unknown) =>
    JSON.stringify(value).replace(/#\/\$defs\/(?:input|output)\//g, '#/$defs/')
  return neutral(a) === neutral(b)
}
