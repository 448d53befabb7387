import { hashStep, type TailSlot, type TrieNode } from './route-trie.js'
import type { Slot } from './table-types.js'

const SLASH = 47

/** Hears of every slot whose template matches the path; its bound lets the search skip the rest. */
export interface MatchSink<T> {
  /** Slots from this registration index on can no longer change the outcome. */
  readonly bound: number
  /**
   * A slot whose template matches `path`. Its parameter `i` spans `captures[2i]` to
   * `captures[2i + 1]`; for a mount, `at` is where its prefix ends in the path.
   */
  offer(slot: Slot<T>, path: string, captures: Int32Array, at: number): void
}

/**
 * Offers the sink every slot under `node` whose template matches `path` from `at` on (`at` is the
 * path's end or a "/"). Parameters are recorded as offsets into `captures` (two per parameter of
 * the longest template, `count` already taken), so walking the trie allocates nothing; substrings
 * are cut only for the slots the sink keeps. Subtrees whose lowest index is at or past the
 * sink's bound are skipped, so a search costs the depth of the path, not the number of routes.
 */
export function searchTrie<T>(
  node: TrieNode<T>,
  path: string,
  at: number,
  count: number,
  captures: Int32Array,
  sink: MatchSink<T>,
): void {
  if (node.min >= sink.bound) return
  if (at === path.length) {
    offerAll(node.ends, path, captures, at, sink)
    return
  }
  offerAll(node.mounts, path, captures, at, sink)
  const start = at + 1
  for (const tail of node.tails) {
    if (tail.slot.index >= sink.bound) break
    offerTail(tail, path, start, count, captures, sink)
  }
  const index = node.literalIndex
  let end = start
  let hash = 0
  // The segment's hash is needed only to look a child up among many.
  if (index === undefined) while (end < path.length && path.charCodeAt(end) !== SLASH) end++
  else {
    for (; end < path.length; end++) {
      const code = path.charCodeAt(end)
      if (code === SLASH) break
      hash = hashStep(hash, code)
    }
  }
  const literals = index === undefined ? node.literals : index.get(hash)
  if (literals !== undefined) {
    for (const next of literals) {
      // Literal children differ, so one at most is this segment.
      if (next.text.length === end - start && isAt(next.text, path, start)) {
        searchTrie(next, path, end, count, captures, sink)
        break
      }
    }
  }
  for (const edge of node.patterns) {
    edge.regex.lastIndex = start
    const groups = edge.regex.exec(path)?.indices
    if (groups !== undefined) {
      searchTrie(edge.node, path, end, record(groups, count, captures), captures, sink)
    }
  }
  if (node.param !== undefined && end > start) {
    captures[2 * count] = start
    captures[2 * count + 1] = end
    searchTrie(node.param, path, end, count + 1, captures, sink)
  }
}

/** Whether `text` occurs in `path` at `start` (a loop V8 inlines, where `startsWith` is a call). */
function isAt(text: string, path: string, start: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== path.charCodeAt(start + i)) return false
  return true
}

function offerAll<T>(
  slots: readonly Slot<T>[],
  path: string,
  captures: Int32Array,
  at: number,
  sink: MatchSink<T>,
): void {
  for (const slot of slots) {
    if (slot.index >= sink.bound) break
    sink.offer(slot, path, captures, at)
  }
}

/** A rest-of-path slot: `{name:path}` takes everything after the "/" (maybe nothing). */
function offerTail<T>(
  tail: TailSlot<T>,
  path: string,
  start: number,
  count: number,
  captures: Int32Array,
  sink: MatchSink<T>,
): void {
  if (tail.regex === undefined) {
    captures[2 * count] = start
    captures[2 * count + 1] = path.length
  } else {
    tail.regex.lastIndex = start
    const groups = tail.regex.exec(path)?.indices
    if (groups === undefined) return
    record(groups, count, captures)
  }
  sink.offer(tail.slot, path, captures, path.length)
}

/** Copies a pattern's groups into `captures` after the first `count`; returns the new count. */
function record(groups: RegExpIndicesArray, count: number, captures: Int32Array): number {
  let next = count
  for (let group = 1; group < groups.length; group++) {
    const span = groups[group]!
    captures[2 * next] = span[0]
    captures[2 * next + 1] = span[1]
    next++
  }
  return next
}
