// The README's "Your first app" walk-through as steps a test can carry out. Each step is a fenced
// block with a marker comment just before its fence:
//   <!-- first-app: shell -->      commands, run to their end
//   <!-- first-app: main.ts -->    a file to write, under that name (any name with a dot)
//   <!-- first-app: run -->        the command that starts the server and keeps running
//   <!-- first-app: try -->        `curl URL` lines, each followed by `# the body it answers`
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One marked block of the README, in the order the reader meets them. */
export type ReadmeStep =
  | { readonly kind: 'shell'; readonly text: string }
  | { readonly kind: 'run'; readonly text: string }
  | { readonly kind: 'file'; readonly name: string; readonly text: string }
  | { readonly kind: 'try'; readonly requests: readonly TryRequest[] }

/** A request the README shows, with the body it says comes back. */
export interface TryRequest {
  readonly url: string
  readonly body: string
}

const MARKED_BLOCK = /<!-- first-app: (\S+) -->\n```[\w-]*\n([\s\S]*?)```\n/g

/** The walk-through's steps, read from the README in `root`. */
export function readmeSteps(root: string): ReadmeStep[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  return [...readme.matchAll(MARKED_BLOCK)].map(([, marker, text]) => toStep(marker!, text!))
}

function toStep(marker: string, text: string): ReadmeStep {
  if (marker === 'shell' || marker === 'run') return { kind: marker, text }
  if (marker === 'try') return { kind: 'try', requests: tryRequests(text) }
  if (marker.includes('.')) return { kind: 'file', name: marker, text }
  throw new Error(`README.md: unknown first-app marker "${marker}"`)
}

function tryRequests(text: string): TryRequest[] {
  const lines = text.trimEnd().split('\n')
  const requests: TryRequest[] = []
  for (let index = 0; index < lines.length; index += 2) {
    const url = /^curl '?(\S+?)'?$/.exec(lines[index]!)?.[1]
    const body = /^# (.*)$/.exec(lines[index + 1] ?? '')?.[1]
    if (url === undefined || body === undefined) {
      throw new Error(`README.md: a first-app try block pairs "curl URL" with "# body"; got:\n${text}`)
    }
    requests.push({ url, body })
  }
  return requests
}
