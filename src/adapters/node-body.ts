import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { HTTPException } from '../errors/http-exception.js'
import type { BodyReader } from '../http/body-source.js'

/** Raised when the client goes away before its body arrived; no response can be sent. */
export class ClientAbortError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete')
    this.name = 'ClientAbortError'
  }
}

function tooLarge(limit: number): HTTPException {
  return new HTTPException(413, `Request body is larger than the limit of ${limit} bytes`, {
    headers: { connection: 'close' },
  })
}

/**
 * Reads a Node request body with a byte limit enforced up front against Content-Length and again
 * on every chunk as it streams in, so an oversized or lying body is cut off after `limit` bytes
 * and never buffered whole (SECURITY-NOTES §0.3; Hono's CL-vs-chunked advisory).
 */
export const nodeBodyReader: BodyReader<IncomingMessage> = {
  read(req, limit) {
    const declared = req.headers['content-length']
    if (declared !== undefined && Number(declared) > limit) {
      req.resume() // drain quietly; the 413 closes the connection
      return Promise.reject(tooLarge(limit))
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let received = 0
      const cleanup = () => {
        req.off('data', onData)
        req.off('end', onEnd)
        req.off('error', onError)
        req.off('close', onClose)
      }
      const onData = (chunk: Buffer) => {
        received += chunk.length
        if (received > limit) {
          cleanup()
          req.resume()
          reject(tooLarge(limit))
          return
        }
        chunks.push(chunk)
      }
      const onEnd = () => {
        cleanup()
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received))
      }
      const onError = () => {
        cleanup()
        reject(new ClientAbortError())
      }
      const onClose = () => {
        if (!req.complete) onError()
      }
      req.on('data', onData)
      req.on('end', onEnd)
      req.on('error', onError)
      req.on('close', onClose)
    })
  },

  async *stream(req, limit) {
    let received = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length
      if (received > limit) throw tooLarge(limit)
      yield chunk
    }
  },

  toWebStream(req) {
    return Readable.toWeb(req) as ReadableStream<Uint8Array>
  },
}
