import type { Command } from './command.js'
import { openapiCommand } from './openapi-command.js'
import { routesCommand } from './routes-command.js'

/** Every `brisk` command, in the order `brisk --help` lists them. */
export const commands: readonly Command[] = [openapiCommand, routesCommand]
