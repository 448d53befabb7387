// The declaration an app makes once (docs/lifecycle.md, "Typed state"): from here on every
// `state` in the program has this type. This folder is compiled as a program of its own
// (declared-state.test.ts), so the declaration does not reach the rest of the test suite.
export interface Db {
  items(): string[]
}

declare module 'brisk' {
  interface State {
    db: Db
    /** Set by a middleware, so a request may not have it. */
    user?: string
  }
}
