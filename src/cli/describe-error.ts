/**
 * One line for any thrown value: `Name: message`, its lines joined. A transpiler's syntax error
 * spans several lines (message, then the file and position); joined, it still fits the one-line
 * contract of the CLI's stderr while keeping the position.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `thrown value: ${String(error)}`
  const message = error.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
  return message === '' ? error.name : `${error.name}: ${message}`
}
