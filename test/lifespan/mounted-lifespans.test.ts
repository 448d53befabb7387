// The parent runs the lifespans of the apps mounted in it (FastAPI runs none of a sub-app's: a
// deliberate improvement): once each, the parent's first, then the mounted apps' in mount order
// (depth first), torn down in reverse; a failed startup stops what had started.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, TestClient } from '../../src/index.js'

function recorded(name: string, events: string[], fail?: 'startup') {
  return new App({
    title: name,
    lifespan: async function* () {
      events.push(`${name} up`)
      if (fail === 'startup') throw new Error(`${name} cannot start`)
      yield { owner: name }
      events.push(`${name} down`)
    },
  })
}

describe('lifespans of mounted apps', () => {
  test('run once, in order, torn down in reverse, nested mounts included', async () => {
    const events: string[] = []
    const parent = recorded('parent', events)
    const first = recorded('first', events)
    const nested = recorded('nested', events)
    const second = recorded('second', events)
    first.mount('/nested', nested)
    parent.mount('/first', first)
    parent.mount('/second', second)
    parent.mount('/plain', () => new Response('no lifespan'))
    {
      await using client = await TestClient.start(parent)
      assert.deepEqual(events, ['parent up', 'first up', 'nested up', 'second up'])
      assert.equal((await client.get('/plain/x')).text, 'no lifespan')
    }
    assert.deepEqual(events, [
      'parent up',
      'first up',
      'nested up',
      'second up',
      'second down',
      'nested down',
      'first down',
      'parent down',
    ])
  })

  test("each app's handlers see its own lifespan state, and what the parent's middleware set", async () => {
    const parent = new App<{ owner: string; user?: string }>({
      lifespan: { startup: () => ({ owner: 'parent' }) },
    })
    parent.use(async (ctx, next) => {
      ctx.state.user = 'alice'
      return next()
    })
    const child = new App<{ owner: string; user?: string; hits: number }>({
      lifespan: { startup: () => ({ owner: 'child', hits: 0 }) },
    })
    child.get('/state', ({ state }) => {
      state.hits += 1
      return state
    })
    parent.get('/state', ({ state }) => state)
    parent.mount('/child', child)
    await using client = await TestClient.start(parent)
    assert.deepEqual((await client.get('/child/state')).json(), { owner: 'child', user: 'alice', hits: 1 })
    // A fresh copy per request, as for the app's own routes.
    assert.deepEqual((await client.get('/child/state')).json(), { owner: 'child', user: 'alice', hits: 1 })
    assert.deepEqual((await client.get('/state')).json(), { owner: 'parent', user: 'alice' })
  })

  test('a mounted app failing to start stops those started before it, then the parent', async () => {
    const events: string[] = []
    const parent = recorded('parent', events)
    const first = recorded('first', events)
    parent.mount('/first', first)
    parent.mount('/broken', recorded('broken', events, 'startup'))
    parent.mount('/never', recorded('never', events))
    await assert.rejects(TestClient.start(parent), /broken cannot start/)
    assert.deepEqual(events, ['parent up', 'first up', 'broken up', 'first down', 'parent down'])
  })

  test('every mounted app is stopped even when one fails to stop; the failure is reported', async () => {
    const events: string[] = []
    const parent = recorded('parent', events)
    const failing = new App({
      lifespan: {
        startup: () => ({}),
        shutdown: () => {
          throw new Error('failing cannot stop')
        },
      },
    })
    parent.mount('/first', recorded('first', events))
    parent.mount('/failing', failing)
    const client = await TestClient.start(parent)
    await assert.rejects(client.stop(), /failing cannot stop/)
    assert.deepEqual(events, ['parent up', 'first up', 'first down', 'parent down'])
  })
})
