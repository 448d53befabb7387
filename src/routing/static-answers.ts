import type { FirstMatch } from './first-match.js'
import type { TrieNode } from './route-trie.js'
import type { Slot, TableMatch } from './table-types.js'
import { type MatchSink, searchTrie } from './trie-search.js'

/** What one exact path answers, resolved when the table is built. */
export interface StaticAnswer<T> {
  /** HEAD's answer, and that of every method a route on this path declares. */
  readonly byMethod: ReadonlyMap<string, TableMatch<T>>
  /** The answer to any other method: the first mount's, else a 405, else none. */
  readonly other: TableMatch<T>
}

// Not an HTTP token (RFC 9110 §5.6.2), so no route declares it: it stands for every undeclared method.
const UNDECLARED = '\u0000'

interface Hit<T> {
  readonly slot: Slot<T>
  readonly captures: Int32Array
  readonly at: number
}

/** Keeps every match of one path, unbounded, to replay into the rule once per method. */
class Collector<T> implements MatchSink<T> {
  readonly bound = Number.POSITIVE_INFINITY
  readonly hits: Hit<T>[] = []

  offer(slot: Slot<T>, _path: string, captures: Int32Array, at: number): void {
    this.hits.push({ slot, captures: captures.slice(), at })
  }
}

/**
 * Resolves an exact path once for every method that can tell apart, by one walk of the trie
 * (which finds the routes with parameters that also match it, so `/users/{id}` declared before
 * `/users/me` still wins) and the same rule `match` applies. The answers are built once and
 * shared by every request for the path.
 */
export function resolveStatic<T>(
  root: TrieNode<T>,
  path: string,
  captures: Int32Array,
  rule: FirstMatch<T>,
): StaticAnswer<T> {
  const collector = new Collector<T>()
  searchTrie(root, path, 0, 0, captures, collector)
  const answer = (method: string): TableMatch<T> => {
    rule.reset(method)
    for (const hit of collector.hits) rule.offer(hit.slot, path, hit.captures, hit.at)
    return rule.result(path)
  }
  const byMethod = new Map([['HEAD', answer('HEAD')]])
  for (const { slot } of collector.hits) {
    if (slot.entry.kind !== 'operation') continue
    for (const method of slot.entry.methods) if (!byMethod.has(method)) byMethod.set(method, answer(method))
  }
  return { byMethod, other: answer(UNDECLARED) }
}
