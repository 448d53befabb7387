// The 500-route app that bench/openapi-generation.mjs documents: 25 resources × 20 routes, shaped
// like a real API rather than 500 copies of one route, so every part of the generator is exercised:
// path/query/header/cookie parameters with defaults and constraints, a parameter model, embedded
// and whole JSON bodies, named nested models (`.meta({ id })`) shared across resources, models
// used both as request and response (with defaults, so both modes are converted), a discriminated
// union, extra responses, tags, nested routers with prefixes, and dependencies that declare their
// own parameters.

import { z } from 'zod'
import { App, depends, Router } from '../dist/index.js'

/** The resources, one router of 20 routes each. */
export const RESOURCES = [
  'user',
  'order',
  'product',
  'invoice',
  'customer',
  'shipment',
  'payment',
  'review',
  'cart',
  'coupon',
  'category',
  'supplier',
  'warehouse',
  'employee',
  'team',
  'project',
  'task',
  'ticket',
  'message',
  'notification',
  'subscription',
  'plan',
  'report',
  'document',
  'event',
]

// Models every resource shares: each becomes one component however many routes use it.
const Money = z.object({ amount: z.number().min(0), currency: z.string().length(3) }).meta({ id: 'Money' })
const Address = z
  .object({
    line1: z.string().min(1).max(200),
    line2: z.string().max(200).nullable().default(null),
    city: z.string(),
    postcode: z.string().regex(/^[A-Z0-9 -]{3,10}$/),
    country: z.string().length(2),
  })
  .meta({ id: 'Address' })
const Tag = z.enum(['new', 'sale', 'featured', 'archived']).meta({ id: 'Tag' })
const Audit = z
  .object({ at: z.iso.datetime(), by: z.string(), action: z.enum(['create', 'update', 'delete']) })
  .meta({ id: 'Audit' })
const ErrorBody = z.object({ detail: z.string() }).meta({ id: 'ErrorBody' })
const LineItem = z
  .object({ sku: z.string(), quantity: z.int().min(1).default(1), price: Money })
  .meta({ id: 'LineItem' })

const pagination = depends(
  { query: { page: z.int().min(1).default(1), per_page: z.int().min(1).max(100).default(20) } },
  ({ query }) => query,
)
const apiKey = depends({ headers: { x_api_key: z.string().min(16) } }, ({ headers }) => headers.x_api_key)
const currentUser = depends(
  { key: apiKey, headers: { authorization: z.string().startsWith('Bearer ') } },
  ({ headers }) => ({ token: headers.authorization }),
)
const requireAdmin = depends({ user: currentUser, headers: { x_role: z.enum(['admin', 'staff']) } }, () => {})

const capitalize = (word) => word[0].toUpperCase() + word.slice(1)
const plural = (word) => (word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`)
const ok = () => ({})

/** The named models of one resource; `Name` has defaults, so its input and output forms differ. */
function modelsOf(name) {
  const Name = capitalize(name)
  const fields = {
    title: z.string().min(1).max(120),
    description: z.string().max(2000).optional(),
    price: Money,
    address: Address.optional(),
    tags: z.array(Tag).default([]),
    items: z.array(LineItem).max(50).default([]),
  }
  const Create = z.object(fields).meta({ id: `${Name}Create` })
  const Update = z
    .object(fields)
    .partial()
    .meta({ id: `${Name}Update` })
  const Resource = z
    .object({ id: z.int().min(1), ...fields, status: z.enum(['active', 'inactive']).default('active') })
    .meta({ id: Name })
  const Page = z
    .object({ items: z.array(Resource), total: z.int().min(0), page: z.int() })
    .meta({ id: `${Name}Page` })
  const Note = z.object({ id: z.uuid(), text: z.string(), pinned: z.boolean() }).meta({ id: `${Name}Note` })
  const Stats = z
    .object({ count: z.int(), revenue: Money, by_tag: z.record(z.string(), z.int()) })
    .meta({ id: `${Name}Stats` })
  const Event = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('viewed'), at: z.iso.datetime() }).meta({ id: `${Name}Viewed` }),
    z.object({ kind: z.literal('shared'), with: z.email() }).meta({ id: `${Name}Shared` }),
  ])
  return { Create, Update, Resource, Page, Note, Stats, Event }
}

/** The 20 routes of one resource, on a router with its own prefix and tag. */
function resourceRouter(name) {
  const m = modelsOf(name)
  const r = new Router({ prefix: `/${plural(name)}`, tags: [plural(name)] })
  const id = { id: z.int().min(1) }
  const notFound = { 404: { model: ErrorBody, description: 'Not found' } }
  const n = (verb) => ({ name: `${verb}_${name}` })
  r.get(
    '',
    {
      ...n('list'),
      query: { q: z.string().max(50).optional(), sort: z.enum(['asc', 'desc']).default('asc') },
      deps: { page: pagination },
      response: m.Page,
    },
    ok,
  )
  r.post(
    '',
    {
      ...n('create'),
      body: m.Create,
      status: 201,
      response: m.Resource,
      headers: { idempotency_key: z.uuid().optional() },
    },
    ok,
  )
  r.get(
    '/{id}',
    {
      ...n('read'),
      path: id,
      query: { fields: z.array(z.string()).optional() },
      headers: { if_none_match: z.string().optional() },
      response: m.Resource,
      responses: notFound,
    },
    ok,
  )
  r.put(
    '/{id}',
    { ...n('replace'), path: id, body: m.Resource, response: m.Resource, responses: notFound },
    ok,
  )
  r.patch('/{id}', { ...n('update'), path: id, body: m.Update, response: m.Resource }, ok)
  r.delete('/{id}', { ...n('delete'), path: id, status: 204, dependencies: [requireAdmin] }, ok)
  r.get(
    '/{id}/history',
    { ...n('history'), path: id, query: { since: z.iso.datetime().optional() }, response: z.array(Audit) },
    ok,
  )
  r.post('/{id}/archive', { ...n('archive'), path: id, query: { reason: z.string().min(3).max(200) } }, ok)
  r.post(
    '/{id}/restore',
    { ...n('restore'), path: id, response: m.Resource, deps: { user: currentUser } },
    ok,
  )
  r.get(
    '/{id}/notes',
    { ...n('list_notes'), path: id, deps: { page: pagination }, response: z.array(m.Note) },
    ok,
  )
  r.post(
    '/{id}/notes',
    { ...n('add_note'), path: id, body: { text: z.string().min(1), pinned: z.boolean().default(false) } },
    ok,
  )
  const noteId = { ...id, note_id: z.uuid() }
  r.get(
    '/{id}/notes/{note_id}',
    { ...n('read_note'), path: noteId, response: m.Note, responses: notFound },
    ok,
  )
  r.delete('/{id}/notes/{note_id}', { ...n('delete_note'), path: noteId, status: 204 }, ok)
  r.get(
    '/search',
    {
      ...n('search'),
      query: z.object({
        term: z.string().min(2),
        min_price: z.number().min(0).default(0),
        max_price: z.number().positive().optional(),
        tags: z.array(Tag).default([]),
        in_stock: z.boolean().default(true),
      }),
      response: m.Page,
    },
    ok,
  )
  r.post('/bulk', { ...n('bulk_create'), body: z.array(m.Create).max(100), response: z.array(z.int()) }, ok)
  r.get(
    '/{id}/export',
    {
      ...n('export'),
      path: id,
      query: { format: z.enum(['csv', 'json', 'xlsx']).default('json') },
      headers: { accept_language: z.string().optional() },
      responses: { 200: { content: { 'text/csv': {} }, description: 'The export' } },
    },
    ok,
  )
  r.get(
    '/stats',
    {
      ...n('stats'),
      query: { window: z.enum(['day', 'week', 'month']).default('week') },
      deps: { user: currentUser },
      response: m.Stats,
    },
    ok,
  )
  r.put('/{id}/tags', { ...n('set_tags'), path: id, body: z.array(Tag).max(10), response: m.Resource }, ok)
  r.get(
    '/{id}/related',
    {
      ...n('related'),
      path: id,
      query: { depth: z.int().min(1).max(3).default(1) },
      cookies: { session: z.string().optional() },
      response: z.array(m.Resource),
    },
    ok,
  )
  r.post('/{id}/events', { ...n('record_event'), path: id, body: m.Event, deprecated: true, status: 202 }, ok)
  return r
}

/** A fresh app with 25 × 20 = 500 routes: half under /api/v1 (API key), half under /api/v2 (admin). */
export function buildApp() {
  const app = new App({ title: 'Bench shop', version: '1.0.0' })
  const v1 = new Router({ prefix: '/v1', dependencies: [apiKey] })
  const v2 = new Router({ prefix: '/v2', tags: ['v2'], responses: { 401: { model: ErrorBody } } })
  RESOURCES.forEach((name, i) => {
    ;(i % 2 === 0 ? v1 : v2).include(resourceRouter(name))
  })
  app.include(v1, { prefix: '/api' })
  app.include(v2, { prefix: '/api', dependencies: [currentUser] })
  return app
}
