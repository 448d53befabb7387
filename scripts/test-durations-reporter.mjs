// A node:test reporter for scripts/run-tests.mjs, beside the spec reporter: one JSON line at the
// end with the seconds each test file's top-level tests and suites took (what the next run
// balances its shards by, see test-durations.json) and the files node:test reported as failed as
// a whole, which are the shards that crashed or left state behind (test-shard-guard.mjs).
export default async function* durationsReporter(source) {
  const seconds = {}
  const failedFiles = []
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { file, nesting, details, name } = event.data
    if (nesting !== 0 || file === undefined) continue
    // A failure reported for a whole file carries the file's path as its name.
    if (event.type === 'test:fail' && (name === file || file.endsWith(name))) failedFiles.push(file)
    else seconds[file] = (seconds[file] ?? 0) + (details?.duration_ms ?? 0) / 1000
  }
  yield `${JSON.stringify({ seconds, failedFiles })}\n`
}
