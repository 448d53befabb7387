import { parseMediaType } from '../http/content-type.js'
import { createDict } from '../http/dict.js'
import { parseQuery, type QueryValues } from '../http/query.js'
import type { RequestContext } from '../http/request-context.js'
import { decodeUtf8 } from './decode-body.js'

const URLENCODED = 'application/x-www-form-urlencoded'

/**
 * Reads the body of a route with form fields into `ctx.form`, once, before any field is
 * validated: an `application/x-www-form-urlencoded` body is parsed (`+` as space, percent-decoded,
 * repeated names collected, at most `limits.formFields` fields, else 400); any other body reads
 * as an empty form, so every required field is reported missing, as FastAPI does for a JSON body
 * sent to a form route. The body limit applies while the bytes stream in.
 */
export function readForm(ctx: RequestContext, limit: number): Promise<void> {
  return ctx.body(limit).then((bytes) => {
    ctx.form = parseForm(bytes, ctx.header('content-type'), ctx.limits.formFields)
  })
}

function parseForm(bytes: Uint8Array, contentType: string | undefined, maxFields: number): QueryValues {
  if (bytes.length === 0 || contentType === undefined) return createDict()
  if (parseMediaType(contentType)?.essence !== URLENCODED) return createDict()
  return parseQuery(decodeUtf8(bytes), maxFields, 'form fields')
}
