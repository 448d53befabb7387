import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseCookies } from '../../src/http/cookies.js'
import { expireCookie, serializeCookie } from '../../src/http/set-cookie.js'

test('defaults to Path=/ and SameSite=lax, as Starlette', () => {
  assert.equal(serializeCookie('session', 'abc'), 'session=abc; Path=/; SameSite=lax')
})

test('every attribute, in Starlette order and spelling', () => {
  const line = serializeCookie('id', 'v', {
    maxAge: 3600.7,
    expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
    path: '/app',
    domain: 'example.com',
    secure: true,
    httpOnly: true,
    sameSite: 'strict',
    partitioned: true,
  })
  assert.equal(
    line,
    'id=v; Domain=example.com; expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Max-Age=3600; Partitioned; ' +
      'Path=/app; SameSite=strict; Secure',
  )
})

test('names must be RFC 6265 tokens (cookie CVE-2024-47764, Hono CVE-2026-56762)', () => {
  for (const bad of ['', 'a b', 'a;b', 'a=b', 'a\r\nSet-Cookie: x=y', 'ä', 'a,b', '"a"']) {
    assert.throws(() => serializeCookie(bad, 'v'), /RFC 6265 token/, JSON.stringify(bad))
  }
  assert.equal(serializeCookie("__Host-a!#$%&'*+-.^_`|~", 'v').startsWith("__Host-a!#$%&'*+-.^_`|~=v;"), true)
})

test('path and domain cannot inject attributes', () => {
  assert.throws(() => serializeCookie('a', 'v', { path: '/; Domain=evil.com' }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { path: '/\r\nx' }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { domain: 'evil.com; Secure' }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { domain: '' }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { maxAge: Number.NaN }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { expires: new Date(Number.NaN) }), TypeError)
  assert.throws(() => serializeCookie('a', 'v', { sameSite: 'Lax' as 'lax' }), TypeError)
})

test('values are percent-encoded where needed and round-trip through parseCookies', () => {
  assert.equal(serializeCookie('a', 'x y;z,"é%'), 'a=x%20y%3Bz%2C%22%C3%A9%25; Path=/; SameSite=lax')
  assert.equal(serializeCookie('a', 'base64+/=='), 'a=base64+/==; Path=/; SameSite=lax')
  for (const value of ['', 'plain', 'x y;z,"é%', '%41', 'emoji 🍪', 'a\\b']) {
    const pair = serializeCookie('k', value).split('; ')[0]!
    assert.equal(parseCookies(pair).k, value, value)
  }
})

test('expireCookie matches Starlette delete_cookie', () => {
  assert.equal(
    expireCookie('session'),
    'session=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=lax',
  )
  assert.equal(
    expireCookie('s', { path: '/a', domain: 'example.com', secure: true, httpOnly: true, sameSite: 'none' }),
    's=""; Domain=example.com; expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Max-Age=0; Path=/a; SameSite=none; Secure',
  )
})
