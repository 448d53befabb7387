import { join, resolve } from 'node:path'
import { toWebResponse } from '../adapters/fetch-adapter.js'
import { checkOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { HTTPException } from '../errors/http-exception.js'
import { file } from '../http/file-reply.js'
import { guessContentType } from '../http/mime-types.js'
import { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import { json } from '../http/responses.js'
import { flag, wholeNumber } from '../middleware/option-values.js'
import type { MountTarget } from '../pipeline/dispatch.js'
import { type Found, lookup } from './lookup.js'
import { acceptsHtml, preferredEncodings } from './negotiate.js'
import {
  checkFallback,
  dotfilesOption,
  fallbackOption,
  realDirectory,
  STATIC_FILES_OPTIONS,
  type StaticFilesOptions,
  WHERE,
} from './static-options.js'

import { parseStaticPath } from './static-path.js'

export type { StaticFilesOptions } from './static-options.js'

const ALLOW = { allow: 'GET, HEAD' }
const SIBLING_SUFFIX = { br: '.br', gzip: '.gz' } as const
/** A year, the longest max-age RFC 9111 §5.2.2.1 asks caches to honour without question. */
const MAX_AGE_LIMIT = 365 * 24 * 60 * 60

/** The request facts static serving reads: the path below the mount, decoded once, and headers. */
interface StaticRequest {
  readonly method: string
  /** The decoded path below where the files are served, starting with "/". */
  readonly path: string
  /** The whole path as sent, still encoded: redirects are built from it. */
  readonly rawPath: string
  readonly search: string
  header(name: string): string | undefined
}

/**
 * Serves the files of a directory, Starlette's `StaticFiles`: GET and HEAD only, through
 * `file()` (ranges, ETag, Last-Modified, 304), never a directory listing, and nothing outside the
 * directory whatever the path says (see `parseStaticPath` and `lookup`).
 *
 * Mount it under a prefix: `app.mount('/static', staticFiles({ directory: 'static' }))`. It is a
 * mount target (`serve`, reading `ctx.path` below the prefix, errors left to the app's
 * exception handlers) and a web-standard handler (`fetch`, serving the URL's path, errors as
 * FastAPI's JSON), so it also runs on its own wherever a fetch handler does.
 *
 * @example
 * const assets = staticFiles({ directory: 'public', maxAge: 3600, precompressed: true })
 */
export function staticFiles(options: StaticFilesOptions): StaticFiles {
  return new StaticFiles(options)
}

/** What `staticFiles()` returns; see there. */
export class StaticFiles implements MountTarget {
  /** The directory, as given, resolved against the working directory. */
  readonly directory: string
  readonly #html: boolean
  readonly #fallback: readonly string[] | undefined
  readonly #dotfiles: boolean
  readonly #cacheControl: string | undefined
  readonly #precompressed: boolean
  readonly #followSymlinks: boolean
  /** The directory's real path, found at construction or, with `checkDir: false`, on first use. */
  #root: string | undefined

  constructor(options: StaticFilesOptions) {
    checkOptions(WHERE, options, STATIC_FILES_OPTIONS)
    if (typeof options?.directory !== 'string' || options.directory === '') {
      throw new ConfigError(`${WHERE} needs a directory to serve: staticFiles({ directory: 'static' }).`)
    }
    this.directory = resolve(options.directory)
    this.#html = flag(WHERE, 'html', options.html, false)
    this.#dotfiles = dotfilesOption(options.dotfiles)
    this.#fallback = fallbackOption(options.fallback, this.#dotfiles)
    const maxAge =
      options.maxAge === undefined
        ? undefined
        : wholeNumber(WHERE, 'maxAge', options.maxAge, 0, { min: 0, max: MAX_AGE_LIMIT })
    this.#cacheControl = maxAge === undefined ? undefined : `public, max-age=${maxAge}`
    this.#precompressed = flag(WHERE, 'precompressed', options.precompressed, false)
    this.#followSymlinks = flag(WHERE, 'followSymlinks', options.followSymlinks, true)
    if (flag(WHERE, 'checkDir', options.checkDir, true)) {
      this.#root = realDirectory(this.directory)
      if (this.#fallback !== undefined) checkFallback(this.#root, this.#fallback)
    }
  }

  /**
   * Answers a request whose `ctx.path` is already the part below the mount (how the app hands a
   * request to a mount target). A refusal is thrown as an `HTTPException` (404, 405 with
   * `allow: GET, HEAD`, 403 for a file the server may not read), so the app's handlers shape it.
   */
  serve(ctx: RequestContext): Promise<Reply> {
    return this.#respond(ctx)
  }

  /**
   * The web-standard handler: serves the request URL's path from the directory, refusals as
   * `{"detail": …}` JSON. For any runtime or router that takes `(request) => Response`.
   */
  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const head = request.method === 'HEAD'
    let reply: Reply
    try {
      const req: StaticRequest = {
        method: request.method,
        path: decodePath(url.pathname),
        rawPath: url.pathname,
        search: url.search.slice(1),
        header: (name) => request.headers.get(name) ?? undefined,
      }
      reply = await this.#respond(req)
      if (reply.deferred) reply = await reply.prepare(req)
    } catch (error) {
      if (!(error instanceof HTTPException)) throw error
      reply = json({ detail: error.detail }, { status: error.status, headers: error.headers })
    }
    return toWebResponse(reply, head)
  }

  async #respond(req: StaticRequest): Promise<Reply> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HTTPException(405, 'Method Not Allowed', { headers: ALLOW })
    }
    const root = this.#rootPath()
    const path = parseStaticPath(req.path, this.#dotfiles)
    if (path !== undefined) {
      const candidate = join(root, ...path.segments)
      const found = await lookup(root, candidate, this.#followSymlinks)
      if (found?.stats.isFile()) return this.#send(req, candidate, found)
      if (found?.stats.isDirectory() && this.#html) {
        const indexPath = join(candidate, 'index.html')
        const index = await lookup(root, indexPath, this.#followSymlinks)
        if (index?.stats.isFile()) {
          if (!path.trailingSlash) return directoryRedirect(req)
          return this.#send(req, indexPath, index)
        }
      }
    }
    return this.#notFound(req, root)
  }

  /** The SPA fallback for a page request, else the 404 page in HTML mode, else a plain 404. */
  async #notFound(req: StaticRequest, root: string): Promise<Reply> {
    if (this.#fallback !== undefined && acceptsHtml(req.header('accept'))) {
      const fallbackPath = join(root, ...this.#fallback)
      const found = await lookup(root, fallbackPath, this.#followSymlinks)
      // Not cached for maxAge: the page names the current build's assets, so it must stay fresh.
      if (found?.stats.isFile()) return file(found.real, { contentType: guessContentType(fallbackPath) })
    }
    if (this.#html) {
      const pagePath = join(root, '404.html')
      const page = await lookup(root, pagePath, this.#followSymlinks)
      if (page?.stats.isFile()) return file(page.real, { status: 404, contentType: 'text/html' })
    }
    throw new HTTPException(404)
  }

  /**
   * A found file, or its precompressed sibling when the client takes one. The type is the
   * requested name's (a symlink's target may be named otherwise), never the sibling's.
   */
  async #send(req: StaticRequest, requested: string, found: Found): Promise<Reply> {
    const headers: Record<string, string> = {}
    if (this.#cacheControl !== undefined) headers['cache-control'] = this.#cacheControl
    const contentType = guessContentType(requested)
    if (this.#precompressed) {
      headers.vary = 'Accept-Encoding'
      for (const coding of preferredEncodings(req.header('accept-encoding'))) {
        const sibling = await lookup(
          this.#rootPath(),
          requested + SIBLING_SUFFIX[coding],
          this.#followSymlinks,
        )
        if (sibling?.stats.isFile()) {
          headers['content-encoding'] = coding
          return file(sibling.real, { contentType, headers })
        }
      }
    }
    return file(found.real, { contentType, headers })
  }

  #rootPath(): string {
    this.#root ??= realDirectory(this.directory)
    return this.#root
  }
}

/**
 * Starlette's redirect of a directory URL to the same URL with "/": 307, the query kept. The
 * Location is the path as sent, so it names the mount's prefix too; it is relative (no Host is
 * trusted) and never starts with `//` or `/\`, which a browser would read as another host
 * (fastify-static CVE-2021-22963).
 */
function directoryRedirect(req: StaticRequest): Reply {
  const location = `${req.rawPath}/${req.search === '' ? '' : `?${req.search}`}`
  if (location.startsWith('//') || location.startsWith('/\\')) throw new HTTPException(404)
  return new Reply(null, 307, { location })
}

/** The URL path decoded once, as the app's router does; bad UTF-8 (`%c0%ae`) is a 400. */
function decodePath(path: string): string {
  if (!path.includes('%')) return path
  try {
    return decodeURIComponent(path)
  } catch {
    throw new HTTPException(400, 'Invalid percent-encoding in the request path')
  }
}
