import { ConfigError } from '../errors/config-error.js'
import { checkDeclarations, checkSchema } from '../params/check-declarations.js'
import { isUploadField } from '../params/upload-spec.js'
import { isSchema } from '../schema/standard.js'
import type { RouteOptions } from './route-options.js'

/**
 * Refuses a route whose schemas would fail every request or the OpenAPI document: its
 * parameters and body (the check dependencies share), its response and its documented responses.
 *
 * @param owner how messages name the route: `route GET /items`
 */
export function checkRouteSchemas(owner: string, options: RouteOptions): void {
  checkDeclarations(owner, options)
  checkFiles(owner, options)
  if (options.response !== undefined) checkSchema('The response', owner, options.response)
  checkResponses(owner, options.responses)
}

/**
 * Refuses `responses` (of a route, a router, an include or the app) whose entries are not
 * Response-like objects, or whose `model` is not a schema.
 */
export function checkResponses(owner: string, responses: unknown): void {
  if (responses === undefined) return
  if (
    typeof responses !== 'object' ||
    responses === null ||
    Array.isArray(responses) ||
    isSchema(responses)
  ) {
    throw new ConfigError(
      `The responses of ${owner} must be an object keyed by status: responses: { 404: { model: Message } }.`,
    )
  }
  for (const [status, entry] of Object.entries(responses)) {
    if (isSchema(entry) || typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(
        `Response ${status} of ${owner} must be an object describing the response: write ` +
          `${status}: { model: Message, description: '…' } (FastAPI's responses={${status}: {"model": Message}}).`,
      )
    }
    const { model } = entry as { model?: unknown }
    if (model !== undefined) checkSchema(`The model of response ${status}`, owner, model)
  }
}

/** `files` is an object of `upload()` fields, none of them also a `form` field. */
function checkFiles(owner: string, options: RouteOptions): void {
  const { files, form } = options
  if (files === undefined) return
  if (typeof files !== 'object' || files === null || Array.isArray(files) || isSchema(files)) {
    throw new ConfigError(
      `The files of ${owner} must be an object of upload() fields: files: { image: upload() }.`,
    )
  }
  const formFields = form === undefined || isSchema(form) ? [] : Object.keys(form)
  for (const [name, field] of Object.entries(files)) {
    if (!isUploadField(field)) {
      throw new ConfigError(
        `File field "${name}" of ${owner} must be made with upload(), upload.optional() or upload.list(); ` +
          'text fields belong in `form`.',
      )
    }
    if (formFields.includes(name)) {
      throw new ConfigError(
        `"${name}" of ${owner} is declared in both form and files; a field is one or the other.`,
      )
    }
  }
}
