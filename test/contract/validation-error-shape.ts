// FastAPI's 422 body: `{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}`, every `loc`
// starting with where the value was read (FASTAPI-CONTRACT.md, "Validation errors").

const LOCATIONS = new Set(['body', 'query', 'path', 'header', 'cookie'])
const KEYS = new Set(['type', 'loc', 'msg', 'input', 'ctx'])

/** What is wrong with a 422 body; empty when it has FastAPI's shape. */
export function validationErrorProblems(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body.detail)) return ['422 body is not {"detail": [...]}']
  if (Object.keys(body).length !== 1)
    return [`422 body has keys besides detail: ${Object.keys(body).join(', ')}`]
  if (body.detail.length === 0) return ['422 detail is empty']
  const problems: string[] = []
  for (const [i, item] of body.detail.entries()) {
    const at = `detail[${i}]`
    if (!isRecord(item)) {
      problems.push(`${at} is not an object`)
      continue
    }
    for (const key of Object.keys(item)) if (!KEYS.has(key)) problems.push(`${at} has unexpected key ${key}`)
    if (typeof item.type !== 'string' || item.type === '') problems.push(`${at}.type is not a code`)
    if (typeof item.msg !== 'string' || item.msg === '') problems.push(`${at}.msg is not a message`)
    if (!('input' in item)) problems.push(`${at} has no input`)
    if ('ctx' in item && !isRecord(item.ctx)) problems.push(`${at}.ctx is not an object`)
    const loc = item.loc
    if (!Array.isArray(loc) || !loc.every((part) => typeof part === 'string' || Number.isInteger(part))) {
      problems.push(`${at}.loc is not a list of names and indexes`)
    } else if (!LOCATIONS.has(loc[0] as string)) {
      problems.push(`${at}.loc starts with ${JSON.stringify(loc[0])}`)
    } else if (loc[0] !== 'body' && loc.length < 2) {
      problems.push(`${at}.loc names no parameter`)
    }
  }
  return problems
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
