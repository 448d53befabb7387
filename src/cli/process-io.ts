import type { CommandIO } from './command.js'

/** The real process's streams and working directory, for `main.ts`. */
export function processIO(): CommandIO {
  return { cwd: process.cwd(), out: writer(process.stdout), err: writer(process.stderr) }
}

function writer(stream: NodeJS.WriteStream): (text: string) => Promise<void> {
  // The write callback reports the error; without a listener the same error would also be
  // thrown as an uncaught 'error' event.
  stream.on('error', () => {})
  return (text) =>
    new Promise((resolve, reject) => {
      stream.write(text, (error) => {
        // EPIPE: the reader left (`brisk routes app.ts | head -3`), which is its choice, not a failure.
        if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error)
        else resolve()
      })
    })
}
