import { TestResponse } from './test-response.js'

/**
 * The app refused a test WebSocket with an HTTP response instead of accepting it: no route (404),
 * a refused origin (403), an `HTTPException` from a dependency before `accept()` (a 401 from a
 * security scheme), or a handler that returned without accepting (403). Starlette's
 * `WebSocketDenialResponse`; `response` is the refusal as the test client reads any response.
 *
 * @example
 * await assert.rejects(client.websocket('/nowhere'), (error: WebSocketDenialResponse) => error.response.status === 404)
 */
export class WebSocketDenialResponse extends Error {
  readonly response: TestResponse

  constructor(url: string, status: number, headers: Record<string, string>, body: string) {
    super(`The WebSocket at ${url} was refused with ${status}: ${body}`)
    this.name = 'WebSocketDenialResponse'
    this.response = new TestResponse({
      status,
      headers: new Headers(headers),
      content: new TextEncoder().encode(body),
      url,
      history: [],
    })
  }
}
