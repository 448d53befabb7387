// Reads the TypeScript snippets out of the README and docs/, so a test can type-check and run
// them. A snippet is a ```ts fence; an HTML comment right above it (blank lines allowed) says
// more, and is invisible on GitHub:
//
//   <!-- snippet: skip (why) -->       not checked: say why (a fragment of pseudo-code, a planned API)
//   <!-- snippet: continues -->        the previous snippet of the same page comes first
//   <!-- snippet                       hidden lines checked before the snippet: the names it
//   declare const db: Db                 leans on (a database, a helper) that the page does not show
//   -->
//
// A first line may carry both a word and hidden lines below it (`<!-- snippet: continues`).
import { readFileSync } from 'node:fs'

export interface Snippet {
  /** The page, relative to the repository root. */
  readonly page: string
  /** 1-based line of the fence's first code line in the page. */
  readonly line: number
  readonly code: string
  /** Hidden lines from the comment above the fence. */
  readonly hidden: string
  readonly directive: 'check' | 'skip' | 'continues'
  /** Why a skipped snippet is skipped. */
  readonly reason: string
}

const FENCE = /^```(\w*)\s*$/
const DIRECTIVES = new Set(['skip', 'continues'])

export function readSnippets(root: string, page: string): Snippet[] {
  return parseSnippets(page, readFileSync(`${root}/${page}`, 'utf8'))
}

export function parseSnippets(page: string, markdown: string): Snippet[] {
  const lines = markdown.split('\n')
  const snippets: Snippet[] = []
  let comment: { first: string; body: string[] } | undefined
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const fence = FENCE.exec(line)
    if (fence) {
      const start = index + 1
      let end = start
      while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++
      if (fence[1] === 'ts' || fence[1] === 'typescript') {
        snippets.push(snippetOf(page, start + 1, lines.slice(start, end).join('\n'), comment))
      }
      comment = undefined
      index = end
    } else if (line.startsWith('<!-- snippet')) {
      const closes = line.includes('-->')
      const first = line.replace('<!-- snippet', '').replace('-->', '').replace(/^:/, '').trim()
      const body: string[] = []
      while (!closes && index + 1 < lines.length && !(lines[index + 1] as string).startsWith('-->')) {
        body.push(lines[++index] as string)
      }
      if (!closes) index++
      comment = { first, body }
    } else if (line.trim() !== '') {
      comment = undefined
    }
  }
  return snippets
}

function snippetOf(
  page: string,
  line: number,
  code: string,
  comment?: { first: string; body: string[] },
): Snippet {
  const word = comment?.first.split(/\s+/)[0] ?? ''
  if (word && !DIRECTIVES.has(word)) {
    throw new Error(`${page}:${line}: unknown snippet directive "${word}" (skip, continues)`)
  }
  const directive = (word || 'check') as Snippet['directive']
  const reason = comment?.first.slice(word.length).trim() ?? ''
  if (directive === 'skip' && !reason) throw new Error(`${page}:${line}: a skipped snippet says why`)
  return { page, line, code, hidden: comment?.body.join('\n') ?? '', directive, reason }
}
