// Conformance: Brisk's OpenAPI document against FastAPI's for the "OpenAPI Callbacks", "OpenAPI
// Webhooks" and "Separate OpenAPI Schemas for Input and Output" tutorials. Each expectation is
// copied from the FastAPI test named in the test's title (fastapi/fastapi tests/test_tutorial/…,
// the Python 3.10+ / Pydantic v2 variant) and compared as parsed JSON, the way those tests read
// /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { type App, type AppOptions, CallbackRouter } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

// FastAPI drops every null-valued key from its document (`jsonable_encoder(..., exclude_none=True)`),
// so an optional `x: str | None = None` documents no `default`.

// FastAPI takes these from the docstrings (`inspect.cleandoc`); Brisk from `description`.
const CREATE_INVOICE =
  'Create an invoice.\n\nThis will (let\'s imagine) let the API user (some external developer) create an\ninvoice.\n\nAnd this path operation will:\n\n* Send the invoice to the client.\n* Collect the money from the client.\n* Send a notification back to the API user (the external developer), as a callback.\n    * At this point is that the API will somehow send a POST request to the\n        external API with the notification of the invoice event\n        (e.g. "payment successful").'
const NEW_SUBSCRIPTION =
  "When a new user subscribes to your service we'll send you a POST request with this\ndata to the URL that you register for the event `new-subscription` in the dashboard."

describe('openapi_callbacks', () => {
  test('test_openapi_callbacks/test_tutorial001.py', async () => {
    const Invoice = z
      .object({
        id: z.string(),
        title: z.string().nullable().default(null),
        customer: z.string(),
        total: z.number(),
      })
      .meta({ id: 'Invoice' })
    const InvoiceEvent = z.object({ description: z.string(), paid: z.boolean() }).meta({ id: 'InvoiceEvent' })
    const InvoiceEventReceived = z.object({ ok: z.boolean() }).meta({ id: 'InvoiceEventReceived' })

    const invoices_callback_router = new CallbackRouter()
    invoices_callback_router.post(
      '{$callback_url}/invoices/{$request.body.id}',
      { body: InvoiceEvent, response: InvoiceEventReceived },
      function invoice_notification() {
        return { ok: true }
      },
    )
    const app = fastapi()
    // Pydantic's `HttpUrl` carries its length limits; zod's `z.url()` needs them spelled out.
    const callback_url = z.url().min(1).max(2083).nullable().default(null)
    app.post(
      '/invoices/',
      {
        body: Invoice,
        query: { callback_url },
        callbacks: invoices_callback_router,
        description: CREATE_INVOICE,
      },
      function create_invoice() {
        return { msg: 'Invoice received' }
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/invoices/': {
          post: {
            summary: 'Create Invoice',
            description: CREATE_INVOICE,
            operationId: 'create_invoice_invoices__post',
            parameters: [
              {
                required: false,
                schema: {
                  anyOf: [{ type: 'string', format: 'uri', minLength: 1, maxLength: 2083 }, { type: 'null' }],
                  title: 'Callback Url',
                },
                name: 'callback_url',
                in: 'query',
              },
            ],
            requestBody: { content: { 'application/json': { schema: ref('Invoice') } }, required: true },
            responses: { '200': ok(), '422': invalid },
            callbacks: {
              invoice_notification: {
                '{$callback_url}/invoices/{$request.body.id}': {
                  post: {
                    summary: 'Invoice Notification',
                    operationId: 'invoice_notification__callback_url__invoices___request_body_id__post',
                    requestBody: {
                      required: true,
                      content: { 'application/json': { schema: ref('InvoiceEvent') } },
                    },
                    responses: { '200': ok(ref('InvoiceEventReceived')), '422': invalid },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Invoice: {
            title: 'Invoice',
            required: ['id', 'customer', 'total'],
            type: 'object',
            properties: {
              id: { title: 'Id', type: 'string' },
              title: { title: 'Title', anyOf: [{ type: 'string' }, { type: 'null' }] },
              customer: { title: 'Customer', type: 'string' },
              total: { title: 'Total', type: 'number' },
            },
          },
          InvoiceEvent: {
            title: 'InvoiceEvent',
            required: ['description', 'paid'],
            type: 'object',
            properties: {
              description: { title: 'Description', type: 'string' },
              paid: { title: 'Paid', type: 'boolean' },
            },
          },
          InvoiceEventReceived: {
            title: 'InvoiceEventReceived',
            required: ['ok'],
            type: 'object',
            properties: { ok: { title: 'Ok', type: 'boolean' } },
          },
        },
      },
    })
  })
})

describe('openapi_webhooks', () => {
  test('test_openapi_webhooks/test_tutorial001.py', async () => {
    // Python's `datetime`: a JSON string in ISO 8601, read into a Date.
    const Subscription = z
      .object({ username: z.string(), monthly_fee: z.number(), start_date: z.date() })
      .meta({ id: 'Subscription' })
    const app = fastapi()
    app.webhooks.post(
      'new-subscription',
      { body: Subscription, description: NEW_SUBSCRIPTION },
      function new_subscription() {},
    )
    app.get('/users/', function read_users() {
      return ['Rick', 'Morty']
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/users/': {
          get: { summary: 'Read Users', operationId: 'read_users_users__get', responses: { '200': ok() } },
        },
      },
      webhooks: {
        'new-subscription': {
          post: {
            summary: 'New Subscription',
            description: NEW_SUBSCRIPTION,
            operationId: 'new_subscriptionnew_subscription_post',
            requestBody: { content: { 'application/json': { schema: ref('Subscription') } }, required: true },
            responses: { '200': ok(), '422': invalid },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Subscription: {
            properties: {
              username: { type: 'string', title: 'Username' },
              monthly_fee: { type: 'number', title: 'Monthly Fee' },
              start_date: { type: 'string', format: 'date-time', title: 'Start Date' },
            },
            type: 'object',
            required: ['username', 'monthly_fee', 'start_date'],
            title: 'Subscription',
          },
        },
      },
    })
  })
})

describe('separate_openapi_schemas', () => {
  /** The chapter's app: `Item` read by `POST /items/` and answered by `GET /items/`. */
  function itemsApp(options: AppOptions = {}): App {
    const Item = z
      .object({ name: z.string(), description: z.string().nullable().default(null) })
      .meta({ id: 'Item' })
    const app = fastapi(options)
    app.post('/items/', { body: Item }, function create_item({ body }) {
      return body
    })
    app.get('/items/', { response: z.array(Item) }, function read_items() {
      return [
        { name: 'Portal Gun', description: 'Device to travel through the multi-rick-verse' },
        { name: 'Plumbus', description: null },
      ]
    })
    return app
  }
  // With current Pydantic a model with defaults is one schema whether or not input and output are
  // separated; Brisk agrees (defaults alone do not split a zod schema either).
  const document = {
    openapi: '3.1.0',
    info: { title: 'FastAPI', version: '0.1.0' },
    paths: {
      '/items/': {
        get: {
          summary: 'Read Items',
          operationId: 'read_items_items__get',
          responses: {
            '200': ok({ items: ref('Item'), type: 'array', title: 'Response Read Items Items  Get' }),
          },
        },
        post: {
          summary: 'Create Item',
          operationId: 'create_item_items__post',
          requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
          responses: { '200': ok(), '422': invalid },
        },
      },
    },
    components: {
      schemas: {
        ...validationSchemas,
        Item: {
          properties: {
            name: { type: 'string', title: 'Name' },
            description: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Description' },
          },
          type: 'object',
          required: ['name'],
          title: 'Item',
        },
      },
    },
  }

  test('test_separate_openapi_schemas/test_tutorial001.py', async () => {
    await assertDocument(itemsApp(), document)
  })

  test('test_separate_openapi_schemas/test_tutorial002.py: separate_input_output_schemas=False', async () => {
    await assertDocument(itemsApp({ separateInputOutputSchemas: false }), document)
  })
})
