import { ConfigError } from '../errors/config-error.js'
import { Reply } from '../http/reply.js'
import { html } from '../http/responses.js'
import { Router } from '../routing/route-registry.js'
import { type DocsAssetName, docsAssetNames, docsAssets } from './docs-assets.js'
import { oauth2RedirectHtml, redocHtml, redocMissingHtml, swaggerUiHtml } from './docs-html.js'

/**
 * Where the OpenAPI document and the docs pages are served (FastAPI's `openapi_url`, `docs_url`,
 * `redoc_url`, `swagger_ui_*` and the asset URLs of `get_swagger_ui_html`). A URL set to `null` or
 * `''` turns its route off, as `None` or an empty setting does in FastAPI.
 */
export interface DocsOptions {
  /** The app's title; the pages are titled `"{title} - Swagger UI"` and `"{title} - ReDoc"`. */
  title: string
  /** `/openapi.json` by default; `null` turns off every route here, docs pages included. */
  openapiUrl?: string | null
  /** The Swagger UI page, `/docs` by default. */
  docsUrl?: string | null
  /** The ReDoc page, `/redoc` by default. */
  redocUrl?: string | null
  /**
   * The prefix put in front of every URL the browser loads. By default each request's own root
   * path: the app's `rootPath` plus the prefixes of the mounts it came through.
   */
  rootPath?: string
  /** The page Swagger UI's OAuth2 popup returns to, `/docs/oauth2-redirect` by default. */
  swaggerUiOauth2RedirectUrl?: string | null
  /**
   * The prefix the bundled Swagger UI and ReDoc files are served under, `/docs/assets` by default
   * (so a proxy rule for `/docs` covers them). `null` serves none; then give the URLs below.
   */
  docsAssetsUrl?: string | null
  /** Merged over `swaggerUiDefaultParameters`. */
  swaggerUiParameters?: Record<string, unknown>
  /** Passed to Swagger UI's `ui.initOAuth(...)`. */
  swaggerUiInitOAuth?: Record<string, unknown>
  /** Swagger UI's script, CSS and icon; the bundled swagger-ui-dist files by default. */
  swaggerJsUrl?: string
  swaggerCssUrl?: string
  swaggerFaviconUrl?: string
  /** ReDoc's script; the installed `redoc` package's standalone bundle by default. */
  redocJsUrl?: string
  /** ReDoc's icon; swagger-ui-dist's by default. */
  redocFaviconUrl?: string
  /** Loads ReDoc's fonts from Google, `false` by default (FastAPI: `true`) so the docs work offline. */
  redocWithGoogleFonts?: boolean
}

/** What `/redoc` answers when `redoc` is not installed: the page exists, the feature does not. */
const REDOC_MISSING_STATUS = 501

/**
 * The routes serving the OpenAPI document, Swagger UI, ReDoc and their files, none of them in the
 * schema (FastAPI's `FastAPI.setup`). The pages put the request's root path in front of every URL
 * the browser loads; `openapiJson` is called with it for every request to the document, so the
 * caller decides how long to cache it.
 *
 * When the optional `redoc` package is missing and no `redocJsUrl` is set, `/redoc` answers 501
 * with a page saying to run `npm install redoc`, rather than a page whose script 404s.
 *
 * @throws ConfigError for a URL not starting with `/`, or for `docsAssetsUrl: null` while an enabled
 *   page still relies on a bundled file
 * @example
 * app.include(docsRouter({ title: 'Shop' }, (rootPath) => cachedOpenApiJson(rootPath)))
 */
export function docsRouter(options: DocsOptions, openapiJson: (rootPath: string) => string): Router {
  const router = new Router({ includeInSchema: false })
  const openapiUrl = openapiUrlOf(options)
  if (openapiUrl === undefined) return router
  const noSchema = { includeInSchema: false } as const
  router.get(openapiUrl, { ...noSchema, name: 'openapi' }, ({ rootPath }) =>
    Reply.typed(openapiJson(rootPath), 200, 'application/json'),
  )

  const docsUrl = swaggerUiPath(options)
  const redocUrl = enabled(options.redocUrl, '/redoc', 'redocUrl')
  const urls = assetUrls(options, docsUrl !== undefined, redocUrl !== undefined)

  if (docsUrl !== undefined) {
    const redirectUrl = enabled(
      options.swaggerUiOauth2RedirectUrl,
      '/docs/oauth2-redirect',
      'swaggerUiOauth2RedirectUrl',
    )
    const page = perRootPath(
      (root) =>
        swaggerUiHtml({
          openapiUrl: root + openapiUrl,
          title: `${options.title} - Swagger UI`,
          jsUrl: options.swaggerJsUrl ?? root + urls.asset('swagger-ui-bundle.js'),
          cssUrl: options.swaggerCssUrl ?? root + urls.asset('swagger-ui.css'),
          faviconUrl: options.swaggerFaviconUrl ?? root + urls.asset('favicon-32x32.png'),
          oauth2RedirectUrl: redirectUrl === undefined ? null : root + redirectUrl,
          ...(options.swaggerUiInitOAuth && { initOAuth: options.swaggerUiInitOAuth }),
          ...(options.swaggerUiParameters && { parameters: options.swaggerUiParameters }),
        }),
      options.rootPath,
    )
    router.get(docsUrl, { ...noSchema, name: 'swagger_ui_html' }, ({ rootPath }) => html(page(rootPath)))
    if (redirectUrl !== undefined)
      router.get(redirectUrl, { ...noSchema, name: 'swagger_ui_redirect' }, () => html(oauth2RedirectHtml()))
  }

  if (redocUrl !== undefined) {
    const title = `${options.title} - ReDoc`
    const page = perRootPath(
      (root) =>
        redocHtml({
          openapiUrl: root + openapiUrl,
          title,
          jsUrl: options.redocJsUrl ?? root + urls.asset('redoc.standalone.js'),
          faviconUrl: options.redocFaviconUrl ?? root + urls.asset('favicon-32x32.png'),
          withGoogleFonts: options.redocWithGoogleFonts ?? false,
        }),
      options.rootPath,
    )
    const selfHosted = options.redocJsUrl === undefined
    router.get(redocUrl, { ...noSchema, name: 'redoc_html' }, ({ rootPath }) =>
      selfHosted && !docsAssets.hasRedoc
        ? html(redocMissingHtml(title), { status: REDOC_MISSING_STATUS })
        : html(page(rootPath)),
    )
  }

  if (urls.prefix !== undefined && (docsUrl !== undefined || redocUrl !== undefined)) {
    for (const name of docsAssetNames) {
      router.get(`${urls.prefix}/${name}`, { ...noSchema, name: 'docs_asset' }, () => docsAssets.reply(name))
    }
  }
  return router
}

/** Most root paths a page is kept built for; a mount with a path parameter could make many. */
const MAX_BUILT_PAGES = 16

/**
 * A page for the request's root path (FastAPI reads `root_path` per request for its docs pages):
 * built the first time each root path asks, and kept for the few root paths an app is served at.
 */
function perRootPath(
  build: (root: string) => string,
  fixed: string | undefined,
): (rootPath: string) => string {
  const built = new Map<string, string>()
  return (rootPath) => {
    const root = (fixed ?? rootPath).replace(/\/+$/, '')
    let page = built.get(root)
    if (page === undefined) {
      page = build(root)
      if (built.size >= MAX_BUILT_PAGES) built.delete(built.keys().next().value!)
      built.set(root, page)
    }
    return page
  }
}

/** Where the document is served, or undefined when `openapiUrl` turns it (and the docs pages) off. */
export function openapiUrlOf(options: Pick<DocsOptions, 'openapiUrl'>): string | undefined {
  return enabled(options.openapiUrl, '/openapi.json', 'openapiUrl')
}

/**
 * What each docs route is, by its name, and the option that moves it: for the error about a
 * route of the app's own on the same path.
 */
export const DOCS_ROUTE_ROLES: Readonly<Record<string, string>> = {
  openapi: 'the OpenAPI document, placed by the openapiUrl option',
  swagger_ui_html: 'the Swagger UI page, placed by the docsUrl option',
  swagger_ui_redirect: "Swagger UI's OAuth2 redirect, placed by the swaggerUiOauth2RedirectUrl option",
  redoc_html: 'the ReDoc page, placed by the redocUrl option',
  docs_asset: 'a file of the docs pages, placed by the docsAssetsUrl option',
}

/**
 * The Swagger UI page's path (without the root path), or undefined when the page is off: its own
 * URL or the document's is `null`.
 */
export function swaggerUiPath(options: Pick<DocsOptions, 'openapiUrl' | 'docsUrl'>): string | undefined {
  if (openapiUrlOf(options) === undefined) return undefined
  return enabled(options.docsUrl, '/docs', 'docsUrl')
}

/** The option's URL, its default when left out, or undefined when turned off (`null` or `''`). */

function enabled(value: string | null | undefined, fallback: string, name: string): string | undefined {
  const url = value === undefined ? fallback : value
  if (url === null || url === '') return undefined
  if (!url.startsWith('/'))
    throw new ConfigError(`${name} "${url}" must start with "/" (or be null to turn it off).`)
  return url
}

interface AssetUrls {
  readonly prefix: string | undefined
  /** The asset's URL without the root path; only called when a page relies on it. */
  asset(name: DocsAssetName): string
}

/** Checks `docsAssetsUrl` against the URLs the enabled pages still need from it. */
function assetUrls(options: DocsOptions, swagger: boolean, redoc: boolean): AssetUrls {
  const prefix = enabled(options.docsAssetsUrl, '/docs/assets', 'docsAssetsUrl')
  if (prefix?.endsWith('/')) {
    throw new ConfigError(
      `docsAssetsUrl "${prefix}" must not end with "/": write "${prefix.replace(/\/+$/, '')}".`,
    )
  }
  if (prefix === undefined) {
    const missing = [
      ...(swagger ? (['swaggerJsUrl', 'swaggerCssUrl', 'swaggerFaviconUrl'] as const) : []),
      ...(redoc ? (['redocJsUrl', 'redocFaviconUrl'] as const) : []),
    ].filter((key) => options[key] === undefined)
    if (missing.length > 0) {
      throw new ConfigError(
        `docsAssetsUrl is off, so Brisk serves no Swagger UI or ReDoc files: set ${missing.join(', ')}, ` +
          'or give docsAssetsUrl a path.',
      )
    }
  }
  return { prefix, asset: (name) => `${prefix}/${name}` }
}
