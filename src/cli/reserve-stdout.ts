import { Console } from 'node:console'

/**
 * Sends `console.log`, `console.info` and the rest to stderr for the rest of the process, so stdout
 * carries only the command's output: `brisk openapi app.ts > openapi.json` stays valid JSON even
 * when the app's module logs while it loads. Commands print through `CommandIO.out`, not console.
 * Output written straight to `process.stdout` is not caught.
 */
export function reserveStdoutForOutput(): void {
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr })
}
