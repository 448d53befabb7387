import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { HTTPException } from '../errors/index.js'
import { file } from '../http/file-reply.js'
import type { Reply } from '../http/reply.js'

/** One file the docs pages load: which package holds it, where, and the type it is sent as. */
interface DocsAsset {
  readonly specifier: string
  readonly contentType: string
  /** Only the optional peer may be missing; a missing dependency is a broken install. */
  readonly optional: boolean
}

// The allow-list. Routes are made from these names, so a request can only ever name one of
// them: no path from the URL reaches the file system. Scripts must be `text/javascript` with a
// charset (Swagger UI fails to start when its bundle is sent as something else).
const ASSETS = {
  'swagger-ui-bundle.js': {
    specifier: 'swagger-ui-dist/swagger-ui-bundle.js',
    contentType: 'text/javascript; charset=utf-8',
    optional: false,
  },
  'swagger-ui.css': {
    specifier: 'swagger-ui-dist/swagger-ui.css',
    contentType: 'text/css; charset=utf-8',
    optional: false,
  },
  'favicon-32x32.png': {
    specifier: 'swagger-ui-dist/favicon-32x32.png',
    contentType: 'image/png',
    optional: false,
  },
  'redoc.standalone.js': {
    specifier: 'redoc/bundles/redoc.standalone.js',
    contentType: 'text/javascript; charset=utf-8',
    optional: true,
  },
} as const satisfies Record<string, DocsAsset>

/** The name of a file served under `docsAssetsUrl`. */
export type DocsAssetName = keyof typeof ASSETS

/** Every servable asset name, in a fixed order. */
export const docsAssetNames: readonly DocsAssetName[] = Object.freeze(Object.keys(ASSETS) as DocsAssetName[])

/**
 * A day of freshness, then revalidation by ETag: an upgraded swagger-ui-dist shows up within a day
 * without the page having to version its URLs, and a reload costs a 304 per file.
 */
const CACHE_CONTROL = 'public, max-age=86400'

/** Resolves a module specifier to a file path, as `require.resolve` does. */
export type Resolve = (specifier: string) => string

/**
 * Finds the docs files in `node_modules`, each resolved once, on first use, so an app that never
 * opens its docs never touches them.
 */
export class DocsAssetLocator {
  readonly #resolve: Resolve
  readonly #paths = new Map<string, string | undefined>()
  #oauth2Script: string | undefined

  /** @param resolve resolution relative to Brisk itself by default, where its dependencies live */
  constructor(resolve?: Resolve) {
    const require = createRequire(import.meta.url)
    this.#resolve = resolve ?? ((specifier) => require.resolve(specifier))
  }

  /** The file's path, or undefined when its package is not installed. */
  path(name: DocsAssetName): string | undefined {
    if (!this.#paths.has(name)) this.#paths.set(name, this.#find(ASSETS[name].specifier))
    return this.#paths.get(name)
  }

  /** True when the optional `redoc` package is installed. */
  get hasRedoc(): boolean {
    return this.path('redoc.standalone.js') !== undefined
  }

  /**
   * The file as a reply with its type, ETag, Last-Modified and cache headers; 304 when the
   * browser's copy is current. 404 for the ReDoc bundle when `redoc` is not installed.
   *
   * @throws Error when swagger-ui-dist, a dependency of Brisk, cannot be found (a broken install)
   */
  reply(name: DocsAssetName): Reply {
    const asset = ASSETS[name]
    const path = this.path(name)
    if (path === undefined) {
      if (asset.optional) throw new HTTPException(404)
      throw new Error(`${asset.specifier} is missing: reinstall Brisk's dependencies (npm install).`)
    }
    return file(path, { contentType: asset.contentType, headers: { 'cache-control': CACHE_CONTROL } })
  }

  /** swagger-ui-dist's `oauth2-redirect.js`, read once (1 KB) the first time the page is asked for. */
  oauth2RedirectScript(): string {
    if (this.#oauth2Script === undefined) {
      const path = this.#find('swagger-ui-dist/oauth2-redirect.js')
      if (path === undefined) {
        throw new Error('swagger-ui-dist/oauth2-redirect.js is missing: reinstall Brisk (npm install).')
      }
      this.#oauth2Script = readFileSync(path, 'utf8')
    }
    return this.#oauth2Script
  }

  #find(specifier: string): string | undefined {
    try {
      return this.#resolve(specifier)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined
      throw error
    }
  }
}

/** The locator the docs routes use, shared so each file is resolved once per process. */
export const docsAssets = new DocsAssetLocator()

/** swagger-ui-dist's OAuth2 redirect script (see `oauth2RedirectHtml`). */
export function oauth2RedirectScript(): string {
  return docsAssets.oauth2RedirectScript()
}
