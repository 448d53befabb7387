import type { Slot } from './table-types.js'
import type { TemplatePart } from './template-parts.js'

const INDEX_AT = 8

/** A part that consumes exactly one segment (everything but a rest-of-path part). */
type SegmentPart = Exclude<TemplatePart, { kind: 'rest' }>

/** A child reached through a segment that mixes parameters and text, tried with its regex. */
export interface PatternEdge<T> {
  /** Sticky, with indices: run at the segment's start, it must end where the segment ends. */
  readonly regex: RegExp
  readonly node: TrieNode<T>
}

/** A route whose last part takes the rest of the path (`{name:path}`, or a pattern ending in one). */
export interface TailSlot<T> {
  readonly slot: Slot<T>
  /** Sticky, with indices, anchored at the end; undefined when the parameter takes anything. */
  readonly regex: RegExp | undefined
}

/**
 * One node of the segment trie: the routes whose template has been consumed up to here, and the
 * ways on to the next segment. Every list holds slots in registration order.
 */
export interface TrieNode<T> {
  /** The lowest registration index in this subtree: a search holding an earlier match skips it. */
  min: number
  /** The literal segment that leads here from its parent (`''` for the root and other edges). */
  readonly text: string
  /** Children by literal segment, in insertion order. */
  readonly literals: TrieNode<T>[]
  /**
   * The literal children by hash (see `hashStep`), once there are `INDEX_AT` of them: a few are
   * faster compared in place.
   */
  literalIndex: Map<number, TrieNode<T>[]> | undefined
  /** The child for `{name}`, whatever the name: one non-empty segment. */
  param: TrieNode<T> | undefined
  readonly patterns: PatternEdge<T>[]
  /** Routes whose template ends here: they match when the path ends here too. */
  readonly ends: Slot<T>[]
  readonly tails: TailSlot<T>[]
  /** Mounts whose prefix ends here: they match when the path goes on with "/". */
  readonly mounts: Slot<T>[]
}

/** An empty node. */
function createNode<T>(text = ''): TrieNode<T> {
  return {
    min: Number.POSITIVE_INFINITY,
    text,
    literals: [],
    literalIndex: undefined,
    param: undefined,
    patterns: [],
    ends: [],
    tails: [],
    mounts: [],
  }
}

/**
 * One step of the 32-bit hash literal segments are indexed by. The search runs it while it looks
 * for the segment's end, so a lookup needs neither `indexOf` nor a substring of the path.
 */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0
}

function textHash(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = hashStep(hash, text.charCodeAt(i))
  return hash
}

/**
 * Builds a trie slot by slot, in registration order so that every list stays sorted. What only
 * building needs (pattern edges by regex source, so templates sharing a mixed segment share its
 * edge without a scan) is dropped with the builder.
 */
export class TrieBuilder<T> {
  readonly root = createNode<T>()
  readonly #patterns = new Map<TrieNode<T>, Map<string, PatternEdge<T>>>()

  /**
   * Adds a slot under its template's parts. A mount's parts all lead to the node where it hangs
   * (its prefix never ends in `{name:path}`: the table checks that); a mount at "/" hangs at the
   * root, where every path goes on with "/", so it takes them all (Starlette's `Mount("/")`).
   */
  insert(slot: Slot<T>): void {
    const rootMount = slot.entry.kind === 'mount' && slot.entry.template.source === '/'
    const parts = rootMount ? [] : slot.entry.template.parts
    const last = parts.at(-1)
    const tail = slot.entry.kind !== 'mount' && last?.kind === 'rest' ? last : undefined
    // compilePath puts a rest part last only, and `tail` takes it off.
    const walked = (tail === undefined ? parts : parts.slice(0, -1)) as readonly SegmentPart[]
    let node = this.root
    node.min = Math.min(node.min, slot.index)
    for (const part of walked) {
      node = this.#child(node, part)
      node.min = Math.min(node.min, slot.index)
    }
    if (slot.entry.kind === 'mount') node.mounts.push(slot)
    else if (tail === undefined) node.ends.push(slot)
    else {
      const regex = tail.pattern === undefined ? undefined : new RegExp(`(?:${tail.pattern})$`, 'dsy')
      node.tails.push({ slot, regex })
    }
  }

  /** The child for one part, created on first use; templates that agree on a part share it. */
  #child(node: TrieNode<T>, part: SegmentPart): TrieNode<T> {
    if (part.kind === 'literal') return literalChild(node, part.text)
    if (part.kind === 'param') {
      node.param ??= createNode()
      return node.param
    }
    // `(?![^/])`: the segment's parameters cannot cross a "/", so this pins the end to the segment's.
    const source = `(?:${part.pattern})(?![^/])`
    let edges = this.#patterns.get(node)
    if (edges === undefined) {
      edges = new Map()
      this.#patterns.set(node, edges)
    }
    let edge = edges.get(source)
    if (edge === undefined) {
      edge = { regex: new RegExp(source, 'dsy'), node: createNode() }
      edges.set(source, edge)
      node.patterns.push(edge)
    }
    return edge.node
  }
}

function literalChild<T>(node: TrieNode<T>, text: string): TrieNode<T> {
  const index = node.literalIndex
  const candidates = index === undefined ? node.literals : (index.get(textHash(text)) ?? [])
  let found = candidates.find((candidate) => candidate.text === text)
  if (found === undefined) {
    found = createNode(text)
    node.literals.push(found)
    if (node.literalIndex !== undefined) indexLiteral(node.literalIndex, found)
    else if (node.literals.length === INDEX_AT) {
      node.literalIndex = new Map()
      for (const literal of node.literals) indexLiteral(node.literalIndex, literal)
    }
  }
  return found
}

function indexLiteral<T>(index: Map<number, TrieNode<T>[]>, node: TrieNode<T>): void {
  const hash = textHash(node.text)
  const bucket = index.get(hash)
  if (bucket === undefined) index.set(hash, [node])
  else bucket.push(node)
}
