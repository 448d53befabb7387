// The extensions a web app serves most often. Unknown ones fall back to text/plain, as in
// Starlette's FileResponse (`guess_type(...)[0] or "text/plain"`).
const TYPES: Record<string, string> = {
  avif: 'image/avif',
  bin: 'application/octet-stream',
  css: 'text/css',
  csv: 'text/csv',
  gif: 'image/gif',
  gz: 'application/gzip',
  htm: 'text/html',
  html: 'text/html',
  ico: 'image/vnd.microsoft.icon',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  js: 'text/javascript',
  json: 'application/json',
  map: 'application/json',
  md: 'text/markdown',
  mjs: 'text/javascript',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  otf: 'font/otf',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  tar: 'application/x-tar',
  ttf: 'font/ttf',
  txt: 'text/plain',
  wasm: 'application/wasm',
  wav: 'audio/wav',
  webm: 'video/webm',
  webmanifest: 'application/manifest+json',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  xml: 'application/xml',
  zip: 'application/zip',
}

/**
 * The media type for a file name by its extension, with `; charset=utf-8` on `text/*` types as
 * Starlette adds it.
 *
 * @example
 * guessContentType('report.csv') // 'text/csv; charset=utf-8'
 */
export function guessContentType(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'))
  const extension = dot > slash ? fileName.slice(dot + 1).toLowerCase() : ''
  // hasOwn: a file named `x.constructor` must not find Object.prototype's function.
  const type = Object.hasOwn(TYPES, extension) ? TYPES[extension] : undefined
  return withTextCharset(type ?? 'text/plain')
}

/** Appends `; charset=utf-8` to a `text/*` type that names no charset. */
export function withTextCharset(contentType: string): string {
  const lower = contentType.toLowerCase()
  return lower.startsWith('text/') && !lower.includes('charset')
    ? `${contentType}; charset=utf-8`
    : contentType
}
