// Components of FastAPI's documents that the OAuth2 tutorials (tutorial003 to tutorial005) expect
// alike, copied from their tests' snapshots (tests/test_tutorial/test_security/test_tutorial00N.py).
// Each test still spells out its own paths and security schemes, where the tutorials differ.

const nullable = (type: string) => ({ anyOf: [{ type }, { type: 'null' }] })

/** The body component FastAPI makes of OAuth2PasswordRequestForm's fields, named `title`. */
export const passwordFormSchema = (title: string) => ({
  title,
  required: ['username', 'password'],
  type: 'object',
  properties: {
    grant_type: {
      title: 'Grant Type',
      anyOf: [{ pattern: '^password$', type: 'string' }, { type: 'null' }],
    },
    username: { title: 'Username', type: 'string' },
    password: { title: 'Password', type: 'string', format: 'password' },
    scope: { title: 'Scope', type: 'string', default: '' },
    client_id: { title: 'Client Id', ...nullable('string') },
    client_secret: { title: 'Client Secret', ...nullable('string'), format: 'password' },
  },
})

/** tutorial004's and tutorial005's `class User(BaseModel)`. */
export const userSchema = {
  title: 'User',
  required: ['username'],
  type: 'object',
  properties: {
    username: { title: 'Username', type: 'string' },
    email: { title: 'Email', ...nullable('string') },
    full_name: { title: 'Full Name', ...nullable('string') },
    disabled: { title: 'Disabled', ...nullable('boolean') },
  },
}

/** tutorial004's and tutorial005's `class Token(BaseModel)`, login's answer. */
export const tokenSchema = {
  title: 'Token',
  required: ['access_token', 'token_type'],
  type: 'object',
  properties: {
    access_token: { title: 'Access Token', type: 'string' },
    token_type: { title: 'Token Type', type: 'string' },
  },
}
