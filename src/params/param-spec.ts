import type { Schema } from '../schema/standard.js'

/** Named schemas, one per parameter or embedded body field. */
export type SchemaShape = { readonly [key: string]: Schema }

/** A parameter group: an object of schemas, or one object schema (a parameter model). */
export type ParamSpec = SchemaShape | Schema

/** A body: one schema for the whole body, or an object of schemas for an embedded body. */
export type BodySpec = Schema | SchemaShape
