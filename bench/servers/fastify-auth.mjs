// The S4 and S6 authentication steps both Fastify servers use, as Fastify users write them:
// hooks on the request (onRequest, preHandler) and @fastify/jwt for the token. Only the schema
// library differs between the two servers, so the hooks live here once.
import fastifyJwt from '@fastify/jwt'
import { JWT_SECRET, USERS, USERS_BY_NAME } from './data.mjs'

/** Decorators for the hooks below, and the HS256 verifier (its payload goes to `request.claims`). */
export async function registerAuth(app) {
  app.decorateRequest('token', null)
  app.decorateRequest('user', null)
  await app.register(fastifyJwt, {
    secret: JWT_SECRET,
    decoratorName: 'claims',
    verify: { algorithms: ['HS256'], requiredClaims: ['exp'] },
  })
}

function unauthorized(reply) {
  return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ detail: 'Not authenticated' })
}

function invalidCredentials(reply) {
  return reply
    .code(401)
    .header('WWW-Authenticate', 'Bearer')
    .send({ detail: 'Could not validate credentials' })
}

/** S4, onRequest: the bearer token, or 401. */
export async function bearerToken(request, reply) {
  const authorization = request.headers.authorization
  if (!authorization) return unauthorized(reply)
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return unauthorized(reply)
  request.token = space === -1 ? '' : authorization.slice(space + 1)
}

/** S4, preHandler: the user the token names, or 401. */
export async function currentUser(request, reply) {
  const user = USERS.get(request.token)
  if (user === undefined) return unauthorized(reply)
  request.user = user
}

/** S4 and S6, preHandler: 400 for a disabled user. */
export async function activeUser(request, reply) {
  if (request.user.disabled) return reply.code(400).send({ detail: 'Inactive user' })
}

/** S6, onRequest: `request.jwtVerify()` (fast-jwt underneath, no verify cache) → user by `sub`. */
export async function jwtUser(request, reply) {
  let claims
  try {
    claims = await request.jwtVerify()
  } catch (error) {
    if (error.code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER') return unauthorized(reply)
    return invalidCredentials(reply)
  }
  const user = typeof claims.sub === 'string' ? USERS_BY_NAME.get(claims.sub) : undefined
  if (user === undefined) return invalidCredentials(reply)
  request.user = user
}
