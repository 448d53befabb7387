#!/usr/bin/env node
// Runs the test files under test/ with node:test through tsx: `node scripts/run-tests.mjs` runs
// them all, `node scripts/run-tests.mjs http cli/routes` only the files whose path contains one
// of the words. The spec report and its summary (tests, pass, fail: what CI reads) are
// node:test's own; the exit code is 1 when a test fails or a shard crashes.
//
// One process per test file spent most of the run starting processes (tsx and Brisk's source,
// about 0.4 s each); so the files are dealt into one shard per CPU, each shard a process that
// imports its files in turn (Node 20 has no --test-isolation=none), and node:test runs the
// shards side by side and merges their reports. Shards are balanced by the seconds each file took
// last time (test-durations.json; `--record-durations` rewrites it from this run). Files sharing a
// process must not leave process-wide state behind: test-shard-guard.mjs fails the shard if one
// does. BRISK_TEST_WORKERS sets the number of shards.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(import.meta.dirname, '..')
const DURATIONS = join(ROOT, 'scripts', 'test-durations.json')

const args = process.argv.slice(2)
const record = args.includes('--record-durations')
const filter = args.filter((arg) => !arg.startsWith('--'))
const allFiles = collect(join(ROOT, 'test'))
  .map((file) => relative(ROOT, file).split(sep).join('/'))
  .sort()
const files = allFiles.filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
if (files.length === 0) {
  console.error(`No test file matches ${filter.join(', ')}.`)
  process.exit(1)
}

const workers = Math.min(files.length, Number(process.env.BRISK_TEST_WORKERS) || availableParallelism())
const shards = balance(files, workers, readDurations())
const sizes = shards.map((shard) => shard.length).join(' + ')
console.log(
  `${plural(files.length, 'test file')} in ${plural(shards.length, 'process', 'processes')}: ${sizes}.\n`,
)
const dir = mkdtempSync(join(tmpdir(), 'brisk-tests-'))
try {
  process.exitCode = run(shards, dir)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/** Runs the shards under one node:test parent; returns its exit code. */
function run(shards, dir) {
  const entries = shards.map((shard, index) => writeShard(shard, index, shards.length, dir))
  const report = join(dir, 'durations.json')
  const reporter = pathToFileURL(join(ROOT, 'scripts', 'test-durations-reporter.mjs')).href
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${shards.length}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`,
      `--test-reporter-destination=${report}`,
      ...entries,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  const { seconds, failedFiles } = readReport(report)
  for (const failed of failedFiles) {
    const index = entries.indexOf(failed)
    if (index < 0) continue
    console.error(
      `\nShard ${index + 1} of ${shards.length} failed as a whole: it crashed (its tests after that did` +
        ` not report) or left process-wide state behind, as printed above. Its files, each to run` +
        ` alone with node scripts/run-tests.mjs <file>:\n${shards[index].map((file) => `  ${file}\n`).join('')}`,
    )
  }
  if (record) writeDurations(seconds)
  return result.status ?? 1
}

/** A shard's entry module: the guard first, then its files, imported in order. */
function writeShard(shard, index, count, dir) {
  const entry = join(dir, `shard-${index + 1}-of-${count}.mjs`)
  const imports = ['scripts/test-shard-guard.mjs', ...shard].map(
    (file) => `import ${JSON.stringify(pathToFileURL(join(ROOT, file)).href)}\n`,
  )
  writeFileSync(entry, imports.join(''))
  return entry
}

/**
 * Deals the files into `count` shards of about equal expected time: longest first, each to the
 * shard with the least time so far (LPT). A file not timed yet counts as the median file.
 * Each shard keeps its files in path order, so a run's report reads in a stable order.
 */
function balance(files, count, durations) {
  const known = files.map((file) => durations[file]).filter((seconds) => seconds !== undefined)
  const median = known.sort((a, b) => a - b)[Math.floor(known.length / 2)] ?? 1
  const timed = files.map((file) => ({ file, seconds: durations[file] ?? median }))
  timed.sort((a, b) => b.seconds - a.seconds || a.file.localeCompare(b.file))
  const shards = Array.from({ length: count }, () => ({ files: [], seconds: 0 }))
  for (const { file, seconds } of timed) {
    const lightest = shards.reduce((best, shard) => (shard.seconds < best.seconds ? shard : best))
    lightest.files.push(file)
    lightest.seconds += seconds
  }
  return shards.map((shard) => shard.files.sort())
}

function readDurations() {
  try {
    return JSON.parse(readFileSync(DURATIONS, 'utf8'))
  } catch {
    return {}
  }
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return { seconds: {}, failedFiles: [] }
  }
}

/** Merges this run's seconds into test-durations.json: files that ran are updated, others kept. */
function writeDurations(seconds) {
  const durations = Object.fromEntries(
    Object.entries(readDurations()).filter(([file]) => allFiles.includes(file)),
  )
  for (const [url, value] of Object.entries(seconds)) {
    const file = relative(ROOT, url.startsWith('file:') ? fileURLToPath(url) : url)
      .split(sep)
      .join('/')
    if (files.includes(file)) durations[file] = Math.round(value * 100) / 100
  }
  const sorted = Object.fromEntries(Object.entries(durations).sort(([a], [b]) => a.localeCompare(b)))
  writeFileSync(DURATIONS, `${JSON.stringify(sorted, null, 2)}\n`)
}

function collect(dir) {
  const found = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) found.push(...collect(full))
    else if (name.endsWith('.test.ts')) found.push(full)
  }
  return found
}

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`
}
