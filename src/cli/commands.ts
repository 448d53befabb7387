import type { Command } from './command.js'
import { devCommand } from './dev-command.js'
import { openapiCommand } from './openapi-command.js'
import { routesCommand } from './routes-command.js'
import { runCommand } from './run-command.js'

/** Every `brisk` command, in the order `brisk --help` lists them. */
export const commands: readonly Command[] = [devCommand, runCommand, openapiCommand, routesCommand]
