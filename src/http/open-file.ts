import { constants, type Stats } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { HTTPException } from '../errors/http-exception.js'

// O_NONBLOCK: opening a FIFO (a named pipe placed where a file was expected) would otherwise wait
// for a writer, holding a libuv thread forever; with it the open returns and fstat refuses it.
// Regular files read the same either way. Windows has no such flag (and no FIFOs at paths).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** Errors that mean "no such file here": the client named something that is not there. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EISDIR', 'EINVAL'])

/**
 * A regular file opened for a response: its handle and the `fstat` of that very handle, so the
 * headers describe the bytes that will be read. Once the file is open, deleting or replacing it
 * on disk changes nothing for this response (POSIX keeps an unlinked file's data until the last
 * handle closes); a file deleted before the open is a 404, never a 500 halfway through a body.
 *
 * A body taken from it (`stream`, `ranges`) owns the handle and closes it when its iterator
 * finishes or is returned; `release` closes it when no body was taken.
 */
export class OpenFile {
  readonly stats: Stats
  readonly #handle: FileHandle
  #taken = false

  private constructor(handle: FileHandle, stats: Stats) {
    this.#handle = handle
    this.stats = stats
  }

  /** Opens `path`; a missing file, a directory or anything but a regular file is a 404. */
  static async open(path: string): Promise<OpenFile> {
    let handle: FileHandle
    try {
      handle = await open(path, OPEN_FLAGS)
    } catch (error) {
      throw notFoundOr(error)
    }
    let stats: Stats
    try {
      stats = await handle.stat()
    } catch (error) {
      await handle.close()
      throw error
    }
    if (!stats.isFile()) {
      await handle.close()
      throw new HTTPException(404)
    }
    return new OpenFile(handle, stats)
  }

  /** The bytes `start` to `end` (inclusive; the whole file by default). */
  stream(start = 0, end = this.stats.size - 1): AsyncIterable<Uint8Array | string> {
    return this.ranges([{ start, end }], () => '', '', '')
  }

  /**
   * An iterable that yields, for each range, `before(i)`, the range's bytes and `after`, then
   * `closing`. The handle closes when it ends or is returned early, even before its first step
   * (a client gone before the body started): neither an async generator nor a Node stream's
   * iterator runs any cleanup when returned before it started.
   */
  ranges(
    ranges: ReadonlyArray<{ start: number; end: number }>,
    before: (index: number) => string,
    after: string,
    closing: string,
  ): AsyncIterable<Uint8Array | string> {
    this.#taken = true
    const handle = this.#handle
    async function* parts(): AsyncGenerator<Uint8Array | string> {
      try {
        for (let i = 0; i < ranges.length; i++) {
          const head = before(i)
          if (head !== '') yield head
          yield* readRange(handle, ranges[i]!.start, ranges[i]!.end)
          if (after !== '') yield after
        }
        if (closing !== '') yield closing
      } finally {
        await handle.close()
      }
    }
    const inner = parts()
    let started = false
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          started = true
          return inner.next()
        },
        // Once started, the generator's `finally` closes the handle after the read under way.
        return: async (value?: unknown) => {
          if (!started) await handle.close()
          return inner.return(value)
        },
      }),
    }
  }

  /** Closes the handle unless a body took it. */
  async release(): Promise<void> {
    if (!this.#taken) await this.#handle.close()
  }
}

/** Bytes read per step of a body: what a Node file stream reads at a time. */
const CHUNK_SIZE = 64 * 1024

/**
 * The bytes `start` to `end` (inclusive) of an open file, one fresh buffer per read. Not
 * `handle.createReadStream()`: each stream made on a FileHandle leaves a 'close' listener on it
 * until the handle closes, so a request for 100 ranges left 100 (and Node's leak warning).
 * A file that shrinks under the read is an error, so the client sees a cut response, never a
 * short one that looks whole.
 */
async function* readRange(handle: FileHandle, start: number, end: number): AsyncGenerator<Uint8Array> {
  let position = start
  while (position <= end) {
    const length = Math.min(CHUNK_SIZE, end - position + 1)
    const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(length), 0, length, position)
    if (bytesRead === 0)
      throw new Error(`The file ended at byte ${position}, before the ${end + 1} it had when opened`)
    yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead)
    position += bytesRead
  }
}

function notFoundOr(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code
  return code !== undefined && MISSING.has(code) ? new HTTPException(404) : error
}
