#!/usr/bin/env node
// The `brisk` executable (package.json "bin"; built to dist/cli/main.js).
import { processIO } from './process-io.js'
import { runCli } from './run-cli.js'

// Exit explicitly once the command is done: the app's module may have left a server, a timer or a
// database pool running, and `brisk openapi` must still end (in CI above all).
runCli(process.argv.slice(2), processIO()).then(
  (code) => process.exit(code),
  () => process.exit(1),
)
