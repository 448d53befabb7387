import { writeSync } from 'node:fs'
import { ListenError } from '../errors/listen-error.js'

/** What a system error of `server.listen()` means, and what to do about it, by Node's code. */
function explain(code: string, port: number): { what: string; advice?: string } | undefined {
  switch (code) {
    case 'EADDRINUSE':
      return {
        what: 'the address is already in use',
        advice: 'stop the server using it or choose another port',
      }
    case 'EACCES':
      return port < 1024
        ? {
            what: 'permission denied',
            advice: 'ports below 1024 need privileges: choose a port of 1024 or above',
          }
        : { what: 'permission denied' }
    case 'EADDRNOTAVAIL':
      return {
        what: 'the address is not available on this machine',
        advice: 'listen on 127.0.0.1, on 0.0.0.0 (every interface) or on the address of an interface',
      }
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { what: 'the host name does not resolve', advice: 'check its spelling, or give an IP address' }
    default:
      return undefined
  }
}

/**
 * Turns the system error of a failed `listen` into a `ListenError` whose message is one line
 * naming the address (uvicorn: `[Errno 98] error while attempting to bind on address ('127.0.0.1',
 * 8000): address already in use`). Anything that is not a system error is returned as it is.
 */
export function toListenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return error
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  const known = explain(code, port)
  const reason =
    known === undefined
      ? (error as Error).message
      : `${known.what} (${code})${known.advice === undefined ? '' : `; ${known.advice}`}`
  return new ListenError(`Cannot listen on ${address}: ${reason}.`, { code, host, port, cause: error })
}

let watching = false

/**
 * Makes a `ListenError` nobody catches end the process with its message on one line and exit
 * code 1, where Node would print a stack trace (a script's `await app.listen()` at top level).
 * The listener only watches (`uncaughtExceptionMonitor`): every other uncaught error is Node's
 * to report as usual, a caller that catches the `ListenError` never meets it, and a program with
 * its own handler for uncaught errors (a crash reporter) gets it as it would any other.
 */
export function endProcessOnUncaughtListenError(): void {
  if (watching) return
  watching = true
  process.on('uncaughtExceptionMonitor', (error) => {
    if (!(error instanceof ListenError)) return
    const handled =
      process.listenerCount('uncaughtException') > 0 || process.hasUncaughtExceptionCaptureCallback()
    if (handled) return
    // Written synchronously: the process exits on the next line.
    writeSync(process.stderr.fd, `${error.name}: ${error.message}\n`)
    process.exit(1)
  })
}
