import { oauth2RedirectScript } from './docs-assets.js'

/** Options of `swaggerUiHtml`. */
export interface SwaggerUiHtmlOptions {
  /** The OpenAPI document Swagger UI loads, as the browser must request it (root path included). */
  openapiUrl: string
  /** The page's `<title>`. */
  title: string
  /** `swagger-ui-bundle.js`. */
  jsUrl: string
  /** `swagger-ui.css`. */
  cssUrl: string
  faviconUrl: string
  /** Where the OAuth2 popup returns to, a path on this origin; left out of the page when empty. */
  oauth2RedirectUrl?: string | null
  /** Passed to `ui.initOAuth(...)`; the call is left out when missing or empty. */
  initOAuth?: Record<string, unknown>
  /** Merged over `swaggerUiDefaultParameters`, one key per line. */
  parameters?: Record<string, unknown>
}

/** Options of `redocHtml`. */
export interface RedocHtmlOptions {
  /** The OpenAPI document ReDoc loads, as the browser must request it (root path included). */
  openapiUrl: string
  title: string
  /** `redoc.standalone.js`. */
  jsUrl: string
  faviconUrl: string
  /**
   * Loads Montserrat and Roboto from Google Fonts. Off by default, unlike FastAPI's
   * `with_google_fonts=True`: Brisk's docs work with the network blocked, and ReDoc falls back to
   * the system sans-serif font without them.
   */
  withGoogleFonts?: boolean
}

/**
 * Swagger UI's configuration unless the app overrides it, as FastAPI's
 * `swagger_ui_default_parameters`. `validatorUrl` is not needed to stay offline: only
 * `StandaloneLayout` renders the online-validator badge, and this layout is `BaseLayout`.
 */
export const swaggerUiDefaultParameters: Readonly<Record<string, unknown>> = Object.freeze({
  dom_id: '#swagger-ui',
  layout: 'BaseLayout',
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
})

/**
 * The Swagger UI page, line for line FastAPI's `get_swagger_ui_html`: one `"key": value,` line per
 * parameter in Python's `json.dumps` spacing, so FastAPI's assertions hold. Every value in the
 * script is encoded with `<`, `>` and `&` escaped, so no option can close the `<script>` element;
 * the title and URLs are HTML-escaped where they sit in markup.
 *
 * @example
 * html(swaggerUiHtml({ openapiUrl: '/openapi.json', title: 'Shop - Swagger UI', jsUrl, cssUrl, faviconUrl }))
 */
export function swaggerUiHtml(options: SwaggerUiHtmlOptions): string {
  const parameters = { ...swaggerUiDefaultParameters, ...options.parameters }
  let script = `  const ui = SwaggerUIBundle({\n    url: ${jsString(options.openapiUrl)},\n`
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined) continue
    script += `    ${scriptJson(key)}: ${scriptJson(value)},\n`
  }
  // Truthiness as FastAPI's `if oauth2_redirect_url:` and `if init_oauth:`.
  if (options.oauth2RedirectUrl) {
    script += `    oauth2RedirectUrl: window.location.origin + ${jsString(options.oauth2RedirectUrl)},\n`
  }
  // `SwaggerUIStandalonePreset` is not part of the bundle, so that entry is undefined and ignored;
  // it stays because FastAPI's page has it and users compare against that page.
  script += `    presets: [\n      SwaggerUIBundle.presets.apis,\n      SwaggerUIBundle.SwaggerUIStandalonePreset\n    ],\n  })\n`
  if (options.initOAuth !== undefined && Object.keys(options.initOAuth).length > 0) {
    script += `  ui.initOAuth(${scriptJson(options.initOAuth)})\n`
  }
  return `<!DOCTYPE html>
<html>
<head>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link type="text/css" rel="stylesheet" href="${escapeHtml(options.cssUrl)}">
<link rel="shortcut icon" href="${escapeHtml(options.faviconUrl)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<div id="swagger-ui">
</div>
<script src="${escapeHtml(options.jsUrl)}"></script>
<script>
${script}</script>
</body>
</html>
`
}

/**
 * The ReDoc page, as FastAPI's `get_redoc_html` but without Google Fonts unless asked for.
 *
 * @example
 * html(redocHtml({ openapiUrl: '/openapi.json', title: 'Shop - ReDoc', jsUrl, faviconUrl }))
 */
export function redocHtml(options: RedocHtmlOptions): string {
  const fonts = options.withGoogleFonts
    ? '<link href="https://fonts.googleapis.com/css?family=Montserrat:300,400,700|Roboto:300,400,700" rel="stylesheet">\n'
    : ''
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(options.title)}</title>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1">
${fonts}<link rel="shortcut icon" href="${escapeHtml(options.faviconUrl)}">
<style>
  body {
    margin: 0;
    padding: 0;
  }
</style>
</head>
<body>
<noscript>
  ReDoc needs JavaScript to show this documentation.
</noscript>
<redoc spec-url="${escapeHtml(options.openapiUrl)}"></redoc>
<script src="${escapeHtml(options.jsUrl)}"> </script>
</body>
</html>
`
}

/**
 * What `/redoc` shows when the optional `redoc` package is not installed and no `redocJsUrl` was
 * configured: how to fix it, instead of a page whose script fails to load.
 */
export function redocMissingHtml(title: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8"/>
<title>${escapeHtml(title)}</title>
</head>
<body>
<h1>ReDoc is not installed</h1>
<p>This page needs the optional <code>redoc</code> package. Run <code>npm install redoc</code>
and restart the server, or set <code>redocJsUrl</code> to a copy of
<code>redoc.standalone.js</code> you host. The Swagger UI page does not need it.</p>
</body>
</html>
`
}

/**
 * The page Swagger UI's OAuth2 popup returns to (FastAPI's `get_swagger_ui_oauth2_redirect_html`).
 * swagger-ui-dist's own `oauth2-redirect.html` loads `oauth2-redirect.js` by a relative URL, which
 * from `/docs/oauth2-redirect` would be `/docs/oauth2-redirect.js`, a route that depends on where
 * the page is mounted. The dist script is inlined instead: it stays the installed version's, needs
 * no second route, and the page holds `window.opener.swaggerUIRedirectOauth2` as FastAPI's does.
 *
 * @param script the redirect script; swagger-ui-dist's `oauth2-redirect.js` by default
 */
export function oauth2RedirectHtml(script: string = oauth2RedirectScript()): string {
  // `<\/` reads the same inside any JavaScript string, regex or comment, and cannot end the element.
  const safe = script.replace(/<\/(script)/gi, '<\\/$1')
  return `<!doctype html>
<html lang="en-US">
<head>
<title>Swagger UI: OAuth2 Redirect</title>
</head>
<body>
<script>
${safe}
</script>
</body>
</html>
`
}

/** Markup text and attribute values (double- or single-quoted). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!)
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
}

/**
 * Python's `json.dumps(value)` (`", "` and `": "` separators, non-ASCII as `\uXXXX`) with `<`, `>`
 * and `&` escaped as FastAPI's `_html_safe_json` does. Values go through `JSON.stringify` first,
 * so dates become strings and `undefined` members drop out, as they would in the JSON API.
 */
function scriptJson(value: unknown): string {
  const plain = JSON.stringify(value)
  return plain === undefined ? 'null' : scriptSafe(pythonSpacing(JSON.parse(plain)))
}

function pythonSpacing(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonSpacing).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(
      ([key, item]) => `${JSON.stringify(key)}: ${pythonSpacing(item)}`,
    )
    return `{${members.join(', ')}}`
  }
  return JSON.stringify(value)
}

/** A single-quoted JavaScript string, as FastAPI writes `url: '...'`, safe inside `<script>`. */
function jsString(text: string): string {
  const body = text.replace(/[\\']/g, '\\$&').replace(/[\n\r]/g, (char) => (char === '\n' ? '\\n' : '\\r'))
  return `'${scriptSafe(body)}'`
}

/**
 * Escapes `<`, `>` and `&` (which could end the script element or open a comment) and every code
 * unit outside printable ASCII: the class is printable ASCII less those three, negated.
 */
function scriptSafe(code: string): string {
  return code.replace(
    /[^\x20-\x25\x27-\x3b\x3d\x3f-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
