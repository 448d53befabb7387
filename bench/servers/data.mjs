// Shared fixtures for every benchmark server, so all frameworks serve the same data.
// Plain objects only: each server declares its own schemas in its framework's idiom.

/** S4: users looked up by bearer token. `hashed_password` must never reach a response. */
export const USERS = new Map([
  [
    'token-alice',
    {
      username: 'alice',
      email: 'alice@example.com',
      full_name: 'Alice Wonderson',
      disabled: false,
      hashed_password: 'fakehashedsecret',
    },
  ],
  [
    'token-bob',
    {
      username: 'bob',
      email: 'bob@example.com',
      full_name: 'Bob Builder',
      disabled: true,
      hashed_password: 'fakehashedsecret2',
    },
  ],
])

/**
 * S6: the HS256 secret every server verifies with (64 ASCII bytes, as `openssl rand -hex 32`
 * prints; HS256 needs at least 32). Fixed so that run.mjs can sign the one token wrk sends.
 */
export const JWT_SECRET = '6f1c2a9be0d84a7f93c5e1b27d4a8f06c3b9e2d1a7f4058e6b1c9d2a3e7f8b40'

/** S6: users looked up by the token's `sub` claim (the same two users as S4). */
export const USERS_BY_NAME = new Map([...USERS.values()].map((user) => [user.username, user]))

export const CATEGORIES = ['books', 'electronics', 'garden', 'toys', 'food']

/**
 * S5: 1000 products built once at startup. Each carries a seventh field, `warehouse`,
 * that the response schema (or hand-picking) must drop: the six public fields are
 * id, name, price, in_stock, tags, category.
 */
export const PRODUCTS = Array.from({ length: 1000 }, (_, i) => ({
  id: i + 1,
  name: `Product ${i + 1}`,
  price: Math.round((5 + ((i * 7919) % 9500) / 10) * 100) / 100,
  in_stock: i % 3 !== 0,
  tags: i % 2 === 0 ? ['sale', `tag-${i % 10}`] : [`tag-${i % 10}`],
  category: CATEGORIES[i % CATEGORIES.length],
  warehouse: `WH-${i % 4}`,
}))

/** S10: the browser origin the CORS middleware of every server allows. */
export const MIDDLEWARE_ORIGIN = 'https://shop.example'
