// Conformance: Brisk's OpenAPI document against FastAPI's for the "OpenAPI Callbacks", "OpenAPI
// Webhooks" and "Separate OpenAPI Schemas for Input and Output" tutorials. Each expected document
// is the one the FastAPI test named in the test's title expects (fastapi/fastapi
// tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant), copied as JSON into
// test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole as parsed
// JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { type App, type AppOptions, CallbackRouter } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

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
    await assertDocument(app, fastapiDocument('test_openapi_callbacks/test_tutorial001.py'))
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
    await assertDocument(app, fastapiDocument('test_openapi_webhooks/test_tutorial001.py'))
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
  // separated, so FastAPI's two documents are the same; Brisk agrees (defaults alone do not split
  // a zod schema either).
  test('test_separate_openapi_schemas/test_tutorial001.py', async () => {
    await assertDocument(itemsApp(), fastapiDocument('test_separate_openapi_schemas/test_tutorial001.py'))
  })

  test('test_separate_openapi_schemas/test_tutorial002.py: separate_input_output_schemas=False', async () => {
    await assertDocument(
      itemsApp({ separateInputOutputSchemas: false }),
      fastapiDocument('test_separate_openapi_schemas/test_tutorial002.py'),
    )
  })
})
