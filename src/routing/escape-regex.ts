/** Escapes text so a `RegExp` matches it literally (Node 20 has no `RegExp.escape`). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
