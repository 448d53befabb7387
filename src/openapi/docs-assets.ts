import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HTTPException } from '../errors/index.js'
import { file } from '../http/file-reply.js'
import type { Reply } from '../http/reply.js'

/**
 * One file the docs pages load: where it comes from, its name there, and the type it is sent as.
 * Swagger UI's files are Brisk's own copy (`vendor/swagger-ui/`, made by `npm run build` from the
 * swagger-ui-dist devDependency, whose @scarf/scarf dependency would otherwise run its telemetry
 * install script in every user's project); ReDoc's is the user's install of the optional peer.
 */
type DocsAsset =
  | { readonly from: 'swagger-ui'; readonly file: string; readonly contentType: string }
  | { readonly from: 'redoc'; readonly specifier: string; readonly contentType: string }

// The allow-list. Routes are made from these names, so a request can only ever name one of
// them: no path from the URL reaches the file system. Scripts must be `text/javascript` with a
// charset (Swagger UI fails to start when its bundle is sent as something else).
const ASSETS = {
  'swagger-ui-bundle.js': {
    from: 'swagger-ui',
    file: 'swagger-ui-bundle.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'swagger-ui.css': { from: 'swagger-ui', file: 'swagger-ui.css', contentType: 'text/css; charset=utf-8' },
  'favicon-32x32.png': { from: 'swagger-ui', file: 'favicon-32x32.png', contentType: 'image/png' },
  'redoc.standalone.js': {
    from: 'redoc',
    specifier: 'redoc/bundles/redoc.standalone.js',
    contentType: 'text/javascript; charset=utf-8',
  },
} as const satisfies Record<string, DocsAsset>

/** The name of a file served under `docsAssetsUrl`. */
export type DocsAssetName = keyof typeof ASSETS

/** Every servable asset name, in a fixed order. */
export const docsAssetNames: readonly DocsAssetName[] = Object.freeze(Object.keys(ASSETS) as DocsAssetName[])

/**
 * A day of freshness, then revalidation by ETag: an upgraded Brisk or redoc shows up within a day
 * without the page having to version its URLs, and a reload costs a 304 per file.
 */
const CACHE_CONTROL = 'public, max-age=86400'

/** Resolves a module specifier to a file path, as `require.resolve` does. */
export type Resolve = (specifier: string) => string

/** Where a `DocsAssetLocator` looks; each left out has the default an installed Brisk uses. */
export interface DocsAssetSources {
  /**
   * The folder holding Swagger UI's files: the package's `vendor/swagger-ui/`, the same two levels
   * up from `src/openapi/` (a clone) and from `dist/openapi/` (an install).
   */
  swaggerUiDir?: string
  /** Finds the optional `redoc` package: resolution relative to Brisk, as its peer dependency. */
  resolve?: Resolve
}

const SHIPPED_SWAGGER_UI = fileURLToPath(new URL('../../vendor/swagger-ui/', import.meta.url))

/**
 * Finds the docs files, each looked up once, on first use, so an app that never opens its docs
 * never touches them.
 */
export class DocsAssetLocator {
  readonly #swaggerUiDir: string
  readonly #resolve: Resolve
  readonly #paths = new Map<string, string | undefined>()
  #oauth2Script: string | undefined

  constructor(sources: DocsAssetSources = {}) {
    this.#swaggerUiDir = sources.swaggerUiDir ?? SHIPPED_SWAGGER_UI
    const require = createRequire(import.meta.url)
    this.#resolve = sources.resolve ?? ((specifier) => require.resolve(specifier))
  }

  /** The file's path, or undefined when it is not there (ReDoc: the package is not installed). */
  path(name: DocsAssetName): string | undefined {
    if (!this.#paths.has(name)) this.#paths.set(name, this.#find(ASSETS[name]))
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
   * @throws Error when a Swagger UI file is missing from Brisk's package (a broken install or an
   *   unbuilt clone)
   */
  reply(name: DocsAssetName): Reply {
    const asset = ASSETS[name]
    const path = this.path(name)
    if (path === undefined) {
      if (asset.from === 'redoc') throw new HTTPException(404)
      throw this.#missing(asset.file)
    }
    return file(path, { contentType: asset.contentType, headers: { 'cache-control': CACHE_CONTROL } })
  }

  /** swagger-ui-dist's `oauth2-redirect.js`, read once (1 KB) the first time the page is asked for. */
  oauth2RedirectScript(): string {
    if (this.#oauth2Script === undefined) {
      const path = join(this.#swaggerUiDir, 'oauth2-redirect.js')
      if (!isFile(path)) throw this.#missing('oauth2-redirect.js')
      this.#oauth2Script = readFileSync(path, 'utf8')
    }
    return this.#oauth2Script
  }

  #find(asset: DocsAsset): string | undefined {
    if (asset.from === 'swagger-ui') {
      const path = join(this.#swaggerUiDir, asset.file)
      return isFile(path) ? path : undefined
    }
    try {
      return this.#resolve(asset.specifier)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined
      throw error
    }
  }

  #missing(file: string): Error {
    return new Error(
      `Swagger UI's ${file} is missing from ${this.#swaggerUiDir}: reinstall Brisk, or in a clone of ` +
        'Brisk run npm run build (npm install runs it too).',
    )
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

/** The locator the docs routes use, shared so each file is resolved once per process. */
export const docsAssets = new DocsAssetLocator()

/** swagger-ui-dist's OAuth2 redirect script (see `oauth2RedirectHtml`). */
export function oauth2RedirectScript(): string {
  return docsAssets.oauth2RedirectScript()
}
