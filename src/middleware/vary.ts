import type { Reply } from '../http/reply.js'

/**
 * Adds `name` to the reply's own `Vary` once, keeping what is there (never the request's `Vary`:
 * Hono d9b8b4b7). `Vary: *` already covers every header and is left alone.
 */
export function addVary(reply: Reply, name: string): void {
  const vary = reply.headers.get('vary')
  if (vary === undefined || vary.trim() === '') {
    reply.headers.set('vary', name)
    return
  }
  const lower = name.toLowerCase()
  const listed = vary.split(',').some((part) => {
    const field = part.trim().toLowerCase()
    return field === lower || field === '*'
  })
  if (!listed) reply.headers.set('vary', `${vary}, ${name}`)
}
