#!/usr/bin/env node
// Runs every test file under test/ with node:test through tsx. Node 20 does not expand globs
// given to --test, so the files are listed here; the summary node:test prints is what CI reads.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function collect(dir) {
  const found = []
  for (const name of readdirSync(dir)) {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) found.push(...collect(full))
    else if (name.endsWith('.test.ts')) found.push(full)
  }
  return found
}

const filter = process.argv.slice(2)
const files = collect('test')
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort()
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
)
process.exit(result.status ?? 1)
