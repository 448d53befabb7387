// The app that includes the router: its lifespan must yield the declared State, and its own
// handlers also see what the lifespan yields beyond it.
import { App, type State } from 'brisk'
import { expectTypeOf } from 'expect-type'
import { items, remember } from './items-router.js'
import type { Db } from './state.js'

const db: Db = { items: () => ['Foo'] }

const app = new App({
  lifespan: async function* () {
    yield { db, startedAt: Date.now() }
  },
})
app.use(remember)
app.include(items)
app.get('/', ({ state }) => {
  expectTypeOf(state.db).toEqualTypeOf<Db>()
  expectTypeOf(state.startedAt).toEqualTypeOf<number>()
  return state.startedAt
})

new App({ lifespan: { startup: () => ({ db }) } })

// Without a lifespan, handlers on the app see the declared State.
new App().get('/', ({ state }) => {
  expectTypeOf(state).toEqualTypeOf<State>()
  return null
})
