import { fileURLToPath } from 'node:url'
import { type Database, openDatabase } from '../../shared/database.js'
import type { Settings } from '../settings.js'
import * as schema from './schema.js'

export type TasksDatabase = Database<typeof schema>
export type Db = TasksDatabase['db']

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url))

/** Opens the database the settings name and brings its tables up to date. */
export function connect(settings: Settings): Promise<TasksDatabase> {
  return openDatabase({
    schema,
    url: settings.databaseUrl,
    dataDir: settings.dataDir,
    migrations: MIGRATIONS,
  })
}
