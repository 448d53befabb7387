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
