// Lifespans that do not provide the declared State: each must be a type error.
import { App } from 'brisk'

new App({
  lifespan: async function* () {
    yield { database: 'postgres://' }
  },
})

new App({ lifespan: { startup: async () => ({ user: 'ann' }) } })
