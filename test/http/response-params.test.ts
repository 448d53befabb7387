import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Reply } from '../../src/http/reply.js'
import { ResponseParams } from '../../src/http/response-params.js'

test('headers override the reply, cookies are appended', () => {
  const params = new ResponseParams()
  params.headers.set('x-a', 'params').append('vary', 'Origin')
  params.setCookie('session', 'abc', { httpOnly: true })
  params.deleteCookie('old')
  const reply = new Reply('{}', 200, { 'x-a': 'reply', vary: 'Accept', 'set-cookie': 'mine=1; Path=/' })
  assert.equal(params.applyTo(reply, { overrideStatus: true }), reply)
  assert.equal(reply.headers.get('x-a'), 'params')
  assert.deepEqual(reply.headers.getAll('vary'), ['Origin'])
  assert.deepEqual(reply.headers.getAll('set-cookie'), [
    'mine=1; Path=/',
    'session=abc; HttpOnly; Path=/; SameSite=lax',
    'old=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=lax',
  ])
})

test('status is applied only when the reply status is the route default', () => {
  const params = new ResponseParams()
  assert.equal(params.applyTo(new Reply(null, 200), { overrideStatus: true }).status, 200)
  params.status = 201
  assert.equal(params.applyTo(new Reply(null, 200), { overrideStatus: true }).status, 201)
  assert.equal(params.applyTo(new Reply(null, 202), { overrideStatus: false }).status, 202)
})

test('nothing set leaves a header-less reply without headers', () => {
  const reply = new ResponseParams().applyTo(new Reply('x'), { overrideStatus: true })
  assert.equal(reply.hasHeaders, false)
})

test('invalid cookie names throw when set', () => {
  assert.throws(() => new ResponseParams().setCookie('a;b', 'x'), TypeError)
})
