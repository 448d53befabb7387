// A router in its own file, as real apps are laid out: it never imports the app, and every
// `state` it sees (dependencies, router-level dependencies, handlers, middleware) is the declared one.
import { APIKeyHeader, type Dependency, depends, type Middleware, Router, type State, security } from 'brisk'
import { expectTypeOf } from 'expect-type'
import type { Db } from './state.js'

export const getDb = depends(({ state }) => state.db)
expectTypeOf(getDb).toEqualTypeOf<Dependency<Db>>()

// @ts-expect-error only what State declares is on `state`
depends(({ state }) => state.cache)

const apiKey = new APIKeyHeader({ name: 'x-key' })
export const currentUser = depends({ key: apiKey, db: getDb }, ({ key, db, state }) => {
  expectTypeOf(state.user).toEqualTypeOf<string | undefined>()
  return { key, items: db.items() }
})

const audit = depends(({ state, ctx }) => {
  expectTypeOf(state).toEqualTypeOf<State>()
  expectTypeOf(ctx.state).toEqualTypeOf<State>()
})

export const remember: Middleware = (ctx, next) => {
  ctx.state.user = 'ann'
  // @ts-expect-error `user` is declared a string
  ctx.state.user = 1
  return next()
}

export const items = new Router({ prefix: '/items', dependencies: [audit] })

items.get('/', { deps: { user: security(currentUser, { scopes: ['items'] }) } }, ({ user, state }) => {
  expectTypeOf(state.db).toEqualTypeOf<Db>()
  // @ts-expect-error the app's extra lifespan fields are the app's business, not the router's
  void state.startedAt
  return user.items
})
