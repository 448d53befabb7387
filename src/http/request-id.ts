/** The longest request id Brisk accepts from a client unless told otherwise. */
export const REQUEST_ID_MAX_LENGTH = 128

/**
 * True for a request id that is safe to echo in a header and write to a log: 1 to `maxLength`
 * characters of letters, digits and `-_.:/+=` (UUIDs, ULIDs, W3C trace ids, base64). Anything
 * else (spaces, quotes, control characters such as ESC, non-ASCII) is refused rather than
 * cleaned, so a client cannot forge log lines or terminal escapes through its id.
 */
export function isSafeRequestId(id: string, maxLength = REQUEST_ID_MAX_LENGTH): boolean {
  if (id.length === 0 || id.length > maxLength) return false
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i)
    const safe =
      (code >= 0x61 && code <= 0x7a) || // a-z
      (code >= 0x41 && code <= 0x5a) || // A-Z
      (code >= 0x2d && code <= 0x3a) || // - . / 0-9 :
      code === 0x5f || // _
      code === 0x2b || // +
      code === 0x3d // =
    if (!safe) return false
  }
  return true
}
