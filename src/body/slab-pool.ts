/**
 * Fixed-size buffers that in-memory uploads are copied into and that go back to the pool when the
 * upload is closed, after the response. Why: an upload kept as the socket's own chunks holds them
 * across the handler and the response, long enough for V8 to promote them to the old generation,
 * where only a full mark-compact frees them; a server taking 1 MiB uploads then ran a mark-compact
 * every ~80 ms (bench S11 with `--trace-gc`: 65 in 5 s, against 3 when the chunks were dropped).
 * Copied into reused slabs, the socket's chunks die young and the slabs are never garbage.
 *
 * At most `maxFree` slabs wait in the pool (16 MiB by default); past that a returned slab is left
 * to the collector, so a burst of uploads does not hold its peak memory for ever.
 */
export class SlabPool {
  readonly slabSize: number
  readonly #maxFree: number
  readonly #free: Buffer[] = []

  constructor(slabSize: number, maxFree: number) {
    this.slabSize = slabSize
    this.#maxFree = maxFree
  }

  /**
   * A slab to fill. Its bytes are whatever the last user left (`allocUnsafeSlow`, or a returned
   * slab): readers only ever see the part they wrote.
   */
  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(this.slabSize)
  }

  /** Takes slabs back; the caller must not read or write them again. */
  give(slabs: readonly Buffer[]): void {
    for (const slab of slabs) {
      if (this.#free.length >= this.#maxFree) return
      this.#free.push(slab)
    }
  }
}

/** The pool every in-memory upload of the process fills: 64 KiB slabs, up to 16 MiB kept. */
export const uploadSlabs = new SlabPool(64 * 1024, 256)
