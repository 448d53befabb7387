/**
 * FastAPI's naming rules for operations, summaries, titles and components. Generated clients name
 * their methods and types from these, so they follow FastAPI to the character.
 */

const LETTER = /\p{L}/u

/**
 * Python's `str.title()`: the first letter of every run of letters is upper-cased and the rest
 * lower-cased, so `item_id` gives `Item_Id` and `x-token` gives `X-Token`.
 */
export function pythonTitle(text: string): string {
  let out = ''
  let previousIsLetter = false
  for (const char of text) {
    const isLetter = LETTER.test(char)
    out += isLetter ? (previousIsLetter ? char.toLowerCase() : char.toUpperCase()) : char
    previousIsLetter = isLetter
  }
  return out
}

/** The title FastAPI gives a parameter or a model field: `item_id` → "Item Id", `x-token` → "X-Token". */
export function fieldTitle(name: string): string {
  return pythonTitle(name).replaceAll('_', ' ')
}

/**
 * An operation's default summary from its route's name: `read_item` → "Read Item", as FastAPI
 * does; camelCase names are split first, so `readItem` reads the same.
 */
export function summaryFromName(name: string): string {
  const words = name.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').replace(/([a-z0-9])([A-Z])/g, '$1 $2')
  return pythonTitle(words.replaceAll('_', ' '))
}

// Python's `\W` on str: anything but a letter, a digit or `_`, in any script.
const NON_WORD = /[^\p{L}\p{N}_]/gu

/**
 * FastAPI's `generate_unique_id`: the route's name and path with every non-word character turned
 * into `_`, then `_` and the method: `read_item` on GET `/items/{item_id}` gives
 * `read_item_items__item_id__get`.
 */
export function operationIdFor(name: string, path: string, method: string): string {
  return `${name}${path}`.replace(NON_WORD, '_') + `_${method.toLowerCase()}`
}

/**
 * The name of a route whose handler has none (an inline arrow function): the method and the
 * path's words, `get_items_item_id` for GET `/items/{item_id}`, so the summary and the
 * operationId still read well instead of being empty.
 */
export function fallbackRouteName(method: string, path: string): string {
  const words = path.replace(NON_WORD, '_').replace(/_+/g, '_').replace(/^_|_$/g, '')
  return `${method.toLowerCase()}_${words === '' ? 'root' : words}`
}

/** A component name OpenAPI accepts: FastAPI replaces anything outside `[a-zA-Z0-9.\-_]`. */
export function componentName(name: string): string {
  return name.replace(/[^a-zA-Z0-9.\-_]/g, '_')
}

/**
 * The inline title of a response schema that is not a named component: `Response_` and the
 * operationId, read as words: "Response Read Items Items  Get" (FastAPI keeps the double space).
 */
export function responseTitle(operationId: string): string {
  return pythonTitle(`Response_${operationId}`.replaceAll('_', ' '))
}

/** The name of an embedded or form body's component: `Body_login_token_post`. */
export function bodyComponentName(operationId: string): string {
  return componentName(`Body_${operationId}`)
}
