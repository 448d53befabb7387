import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { drainOrClose } from '../http/drain-or-close.js'
import type { UploadContent } from '../http/upload-file.js'

/**
 * Where one file part's bytes go while it arrives: memory up to `threshold` bytes, then a temp
 * file in `os.tmpdir()` named by Brisk (`brisk-upload-<uuid>`, created exclusively, mode 0600),
 * never by the client. Disk writes are asynchronous, so a large upload never blocks the event
 * loop (Starlette CVE-2025-54121), and `write` reports backpressure so the part can be paused.
 */
export class FileSink {
  readonly #threshold: number
  #chunks: Uint8Array[] = []
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
    this.#chunks.push(chunk)
    this.#buffered += chunk.length
    if (this.#buffered <= this.#threshold) return true
    this.#path = join(tmpdir(), `brisk-upload-${randomUUID()}`)
    this.#file = createWriteStream(this.#path, { flags: 'wx', mode: 0o600 })
    this.#file.on('error', (error) => {
      this.#failure = error
    })
    const chunks = this.#chunks
    this.#chunks = []
    let room = true
    for (const buffered of chunks) room = this.#file.write(buffered)
    return room
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
      return Promise.resolve({ kind: 'memory', chunks: this.#chunks, size: this.#buffered })
    }
    const path = this.#path!
    return new Promise((resolve, reject) => {
      file.end(() => (this.#failure === undefined ? resolve({ kind: 'disk', path }) : reject(this.#failure)))
    })
  }

  /** Drops what was received: the temp file, if one was made, is closed and removed. */
  async discard(): Promise<void> {
    this.#chunks = []
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
