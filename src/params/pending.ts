import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { ValidateResult } from '../schema/validate.js'

/**
 * Work still running for one request's validation (async validators only). Sync validation,
 * the common case, never creates one of these promises, so the hot path stays synchronous.
 */
export class Pending {
  #promises: Promise<void>[] | undefined

  add(promise: Promise<void>): void {
    if (this.#promises === undefined) this.#promises = [promise]
    else this.#promises.push(promise)
  }

  get empty(): boolean {
    return this.#promises === undefined
  }

  /** Waits for everything added so far, including work added while waiting. */
  async settle(): Promise<void> {
    while (this.#promises !== undefined) {
      const batch = this.#promises
      this.#promises = undefined
      await Promise.all(batch)
    }
  }
}

/** Applies a validation result now, or once it settles when the validator is async. */
export function settle(
  result: ValidateResult | Promise<ValidateResult>,
  errors: ValidationErrorItem[],
  pending: Pending,
  accept: (value: any) => void,
  keyToAlias?: Map<string, string>,
): void {
  const apply = (settled: ValidateResult) => {
    if (settled.ok) accept(settled.value)
    else {
      // One push per error: spreading hundreds of thousands of them as arguments overflows the stack.
      const rename = keyToAlias !== undefined && keyToAlias.size > 0
      for (const error of settled.errors) errors.push(rename ? renameLoc(error, keyToAlias) : error)
    }
  }
  if (result instanceof Promise) pending.add(result.then(apply))
  else apply(result)
}

// A parameter model validates keys by their field names; its errors name the wire alias instead.
function renameLoc(error: ValidationErrorItem, keyToAlias: Map<string, string>): ValidationErrorItem {
  const key = error.loc[1]
  const alias = typeof key === 'string' ? keyToAlias.get(key) : undefined
  return alias === undefined ? error : { ...error, loc: [error.loc[0]!, alias, ...error.loc.slice(2)] }
}
