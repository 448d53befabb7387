/**
 * A response received by the test client, with its body already read so assertions are
 * synchronous (`res.json()`), as with Starlette's TestClient.
 */
export class TestResponse {
  readonly status: number
  readonly headers: Headers
  /** The body as text (UTF-8), decoded from its `Content-Encoding`. */
  readonly text: string
  /**
   * The body as bytes, decoded from its `Content-Encoding` as httpx's `.content` is (the
   * `content-encoding` and `content-length` headers still describe the bytes on the wire).
   */
  readonly content: Uint8Array
  /** The URL that produced this response, after redirects. */
  readonly url: string
  /** Responses that redirected to this one, oldest first. */
  readonly history: TestResponse[]

  constructor(init: {
    status: number
    headers: Headers
    content: Uint8Array
    url: string
    history: TestResponse[]
  }) {
    this.status = init.status
    this.headers = init.headers
    this.content = init.content
    this.text = new TextDecoder().decode(init.content)
    this.url = init.url
    this.history = init.history
  }

  /**
   * The body parsed as JSON: `unknown` until narrowed, or the type the test names. The type is
   * not checked: `res.json<Item>()` only says what the test expects to read.
   *
   * @example
   * assert.equal(res.json<{ name: string }>().name, 'Foo')
   */
  json<T = unknown>(): T {
    return JSON.parse(this.text) as T
  }

  /** True for 2xx statuses. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }
}
