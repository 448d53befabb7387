/**
 * Why `app.listen()` rejected: the server could not listen on its address (the port is in use,
 * a port below 1024 needs privileges, the host is not an address of this machine or does not
 * resolve). The message is one line naming the host and port and saying what to do; `code` is
 * Node's (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`, `ENOTFOUND`, ...) and `cause` the system error.
 *
 * Catch it to react (try another port); left uncaught by a server that handles its signals, it
 * ends the process with its message on one line and exit code 1, as uvicorn does.
 *
 * @example
 * try {
 *   await app.listen({ port: 8000 })
 * } catch (error) {
 *   if (!(error instanceof ListenError) || error.code !== 'EADDRINUSE') throw error
 *   await app.listen({ port: 0 }) // any free port
 * }
 */
export class ListenError extends Error {
  /** Node's error code, e.g. `EADDRINUSE`. */
  readonly code: string
  /** The host the server was asked to listen on. */
  readonly host: string
  /** The port the server was asked to listen on. */
  readonly port: number

  constructor(message: string, details: { code: string; host: string; port: number; cause: unknown }) {
    super(message, { cause: details.cause })
    this.name = 'ListenError'
    this.code = details.code
    this.host = details.host
    this.port = details.port
  }
}
