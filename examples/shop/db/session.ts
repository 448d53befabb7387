import { fileURLToPath } from 'node:url'
import { type Database, openDatabase } from '../../shared/database.js'
import type { Settings } from '../settings.js'
import * as schema from './schema.js'

export type ShopDatabase = Database<typeof schema>
export type Db = ShopDatabase['db']
/** What a function given `db.transaction`'s callback receives; it runs the same queries. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url))

/** Opens the database the settings name and brings its tables up to date. */
export function connect(settings: Settings): Promise<ShopDatabase> {
  return openDatabase({
    schema,
    url: settings.databaseUrl,
    dataDir: settings.dataDir,
    migrations: MIGRATIONS,
  })
}
