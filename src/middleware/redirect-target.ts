/**
 * The request target to put after a new scheme and host: the path and query as sent. A target
 * that is not a path (an absolute-form `http://…` or the `*` of `OPTIONS *`) becomes `/`, so the
 * redirect never carries a second URL inside the first.
 */
export function pathAndQuery(url: string): string {
  return url.charCodeAt(0) === 0x2f ? url : '/'
}
