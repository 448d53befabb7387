import { HTTPException } from '../errors/http-exception.js'

// The body is not read to its end after one of these, so the connection cannot carry another
// request: each closes it, as the 413 for an oversized JSON body does.
const CLOSE = { headers: { connection: 'close' } }

/** A limit of `MultipartLimits` went past: 413, with Starlette's wording where it has one. */
export function multipartTooLarge(detail: string): HTTPException {
  return new HTTPException(413, detail, CLOSE)
}

/** A body that is not valid `multipart/form-data`: 400. */
export function malformedMultipart(detail: string): HTTPException {
  return new HTTPException(400, detail, CLOSE)
}
