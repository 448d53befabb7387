import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drainOrClose } from '../http/drain-or-close.js'
import type { UploadContent } from '../http/upload-file.js'
import { uploadSlabs } from './slab-pool.js'

/**
 * Where one file part's bytes go while it arrives: memory up to `threshold` bytes, then a temp
 * file in `os.tmpdir()` named by Brisk (`brisk-upload-<uuid>`, created exclusively, mode 0600),
 * never by the client. Disk writes are asynchronous, so a large upload never blocks the event
 * loop (Starlette CVE-2025-54121), and `write` reports backpressure so the part can be paused.
 * In memory the bytes are copied into slabs of the upload pool (see slab-pool.ts), which the
 * finished upload owns and gives back when it is closed.
 */
export class FileSink {
  readonly #threshold: number
  #slabs: Buffer[] = []
  /** Bytes filled in the last slab. */
  #filled = 0
  #buffered = 0
  #file: WriteStream | undefined
  #path: string | undefined
  #failure: Error | undefined

  constructor(threshold: number) {
    this.#threshold = threshold
  }

  /** Takes a chunk; false when the disk is behind and the caller should wait for `drained()`. */
  write(chunk: Uint8Array): boolean {
    if (this.#file !== undefined) return this.#file.write(chunk)
    this.#buffered += chunk.length
    if (this.#buffered <= this.#threshold) {
      this.#copy(chunk)
      return true
    }
    this.#path = join(tmpdir(), `brisk-upload-${randomUUID()}`)
    this.#file = createWriteStream(this.#path, { flags: 'wx', mode: 0o600 })
    this.#file.on('error', (error) => {
      this.#failure = error
    })
    // The slabs so far now belong to the write stream; the collector takes them once written.
    for (const slab of this.#takeChunks()) this.#file.write(slab)
    return this.#file.write(chunk)
  }

  #copy(chunk: Uint8Array): void {
    let offset = 0
    while (offset < chunk.length) {
      let slab = this.#slabs[this.#slabs.length - 1]
      if (slab === undefined || this.#filled === slab.length) {
        slab = uploadSlabs.take()
        this.#slabs.push(slab)
        this.#filled = 0
      }
      // Buffer#copy takes the source range itself: no view object per chunk for the GC.
      const copied = Buffer.prototype.copy.call(chunk, slab, this.#filled, offset)
      this.#filled += copied
      offset += copied
    }
  }

  /** The bytes held in memory, as views of the slabs, which the sink no longer owns. */
  #takeChunks(): Buffer[] {
    const slabs = this.#slabs
    this.#slabs = []
    const last = slabs.length - 1
    if (last >= 0) slabs[last] = slabs[last]!.subarray(0, this.#filled)
    return slabs
  }

  /** Resolves once the temp file can take more. */
  drained(): Promise<void> {
    const file = this.#file
    if (file === undefined || !file.writableNeedDrain) return Promise.resolve()
    return drainOrClose(file)
  }

  /** Every byte written: the content, in memory or on disk. */
  finish(): Promise<UploadContent> {
    const file = this.#file
    if (file === undefined) {
      // Not joined here: UploadFile.bytes() does it if the handler wants the bytes at all.
      const chunks = this.#takeChunks()
      const release = () => uploadSlabs.give(chunks)
      return Promise.resolve({ kind: 'memory', chunks, size: this.#buffered, release })
    }
    const path = this.#path!
    return new Promise((resolve, reject) => {
      file.end(() => (this.#failure === undefined ? resolve({ kind: 'disk', path }) : reject(this.#failure)))
    })
  }

  /** Drops what was received: the temp file, if one was made, is closed and removed. */
  async discard(): Promise<void> {
    uploadSlabs.give(this.#takeChunks())
    const file = this.#file
    if (file === undefined) return
    await new Promise<void>((resolve) => {
      if (file.closed) resolve()
      else {
        file.once('close', () => resolve())
        file.destroy()
      }
    })
    await rm(this.#path!, { force: true })
  }
}
