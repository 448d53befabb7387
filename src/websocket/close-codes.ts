/** Close codes of RFC 6455 §7.4.1 that Brisk sends, by what they mean. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  noStatus: 1005,
  abnormal: 1006,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const

/** A close frame's reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5: 125 minus the code). */
const MAX_REASON_BYTES = 123

/** Cuts a close reason to what fits in a close frame, never inside a character. */
export function fitCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason
  let cut = reason.slice(0, MAX_REASON_BYTES)
  while (Buffer.byteLength(cut) > MAX_REASON_BYTES) cut = cut.slice(0, -1)
  return cut
}

/** Whether a close frame may carry `code` (RFC 6455 §7.4: the registered codes, and 3000–4999). */
export function isSendableCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false
  if (code >= 3000 && code <= 4999) return true
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006
}
