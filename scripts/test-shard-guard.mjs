// The first module of every shard scripts/run-tests.mjs starts: several test files share a process
// there, so one that leaves process-wide state behind could change what the files after it see.
// This notes that state before any test file is imported and, once the shard's tests are done,
// fails the shard (exit code 1, what was left on stderr) when it changed: process listeners for
// signals and for uncaught errors (what `app.listen()` adds unless `handleSignals: false`),
// environment variables, the working directory and the global console. It also says so when a
// shard exits before its tests are done, which node:test reports only as "test failed".
import { before } from 'node:test'

const EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection']

// A root hook that does nothing, registered first: it makes node:test set up its root now, so
// the root's own uncaughtException and unhandledRejection listeners are in the snapshot.
before(() => {})

const listeners = new Map(EVENTS.map((event) => [event, new Set(process.listeners(event))]))
const env = { ...process.env }
const cwd = process.cwd()
const console = globalThis.console

let finished = false

// node:test reports a shard that ends early only as "test failed"; say how it ended.
process.once('exit', (code) => {
  if (!finished) {
    process.stderr.write(
      `\nThis shard exited with code ${code} before its tests had finished: something called process.exit().\n`,
    )
  }
})

process.once('beforeExit', () => {
  finished = true
  const left = [...leftListeners(), ...changedEnv()]
  if (process.cwd() !== cwd) left.push(`the working directory is ${process.cwd()}, not ${cwd}`)
  if (globalThis.console !== console) left.push('globalThis.console was replaced')
  if (left.length === 0) return
  process.stderr.write(
    `\nThis shard's test files left process-wide state behind (undo it in an after hook):\n${left
      .map((line) => `  - ${line}\n`)
      .join('')}`,
  )
  process.exitCode = 1
})

function leftListeners() {
  return EVENTS.flatMap((event) =>
    process
      .listeners(event)
      .filter((listener) => !listeners.get(event).has(listener))
      .map((listener) => `a '${event}' listener: ${String(listener).replace(/\s+/g, ' ').slice(0, 160)}`),
  )
}

function changedEnv() {
  const names = new Set([...Object.keys(env), ...Object.keys(process.env)])
  return [...names]
    .filter((name) => env[name] !== process.env[name])
    .map((name) => {
      const what = !(name in env) ? 'set' : name in process.env ? 'changed' : 'deleted'
      return `the environment variable ${name} was ${what}`
    })
}
