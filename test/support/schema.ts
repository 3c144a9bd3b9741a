import type {Driver} from '../../src/store/driver.js'

export interface ColumnInfo {
  name: string
  /** Lower-case declared type: text, integer, double precision. */
  type: string
  notnull: boolean
  pk: boolean
}

export interface SchemaInfo {
  /** Table name -> columns in order. */
  tables: Record<string, ColumnInfo[]>
  /** "table(column) -> table(column)" */
  foreignKeys: string[]
  /** "index_name on table(col, col)" */
  indexes: string[]
}

/** The user tables, their columns, foreign keys and indexes, read from each engine's catalog. */
export async function readSchema(driver: Driver): Promise<SchemaInfo> {
  return driver.engine === 'sqlite' ? readSqlite(driver) : readPostgres(driver)
}

async function readSqlite(driver: Driver): Promise<SchemaInfo> {
  const tables = await driver.all<{name: string}>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  )
  const info: SchemaInfo = {tables: {}, foreignKeys: [], indexes: []}
  for (const {name} of tables) {
    const columns = await driver.all<{name: string; type: string; notnull: number; pk: number}>(`PRAGMA table_info(${name})`)
    info.tables[name] = columns.map((c) => ({name: c.name, type: c.type.toLowerCase(), notnull: c.notnull === 1 || c.pk > 0, pk: c.pk > 0}))
    const fks = await driver.all<{table: string; from: string; to: string}>(`PRAGMA foreign_key_list(${name})`)
    for (const fk of fks) info.foreignKeys.push(`${name}(${fk.from}) -> ${fk.table}(${fk.to})`)
    const indexes = await driver.all<{name: string; origin: string; partial: number}>(`PRAGMA index_list(${name})`)
    for (const index of indexes.filter((i) => i.origin === 'c')) {
      const cols = await driver.all<{name: string}>(`PRAGMA index_info(${index.name})`)
      info.indexes.push(`${index.name} on ${name}(${cols.map((c) => c.name).join(', ')})${index.partial === 1 ? ' partial' : ''}`)
    }
  }
  info.foreignKeys.sort()
  info.indexes.sort()
  return info
}

async function readPostgres(driver: Driver): Promise<SchemaInfo> {
  const columns = await driver.all<{table_name: string; column_name: string; data_type: string; is_nullable: string}>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  )
  const pks = await driver.all<{table_name: string; column_name: string}>(
    `SELECT kcu.table_name, kcu.column_name FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()`,
  )
  const pkSet = new Set(pks.map((p) => `${p.table_name}.${p.column_name}`))
  const info: SchemaInfo = {tables: {}, foreignKeys: [], indexes: []}
  for (const c of columns) {
    const list = (info.tables[c.table_name] ??= [])
    list.push({name: c.column_name, type: c.data_type, notnull: c.is_nullable === 'NO', pk: pkSet.has(`${c.table_name}.${c.column_name}`)})
  }
  const fks = await driver.all<{table_name: string; column_name: string; foreign_table: string; foreign_column: string}>(
    `SELECT kcu.table_name, kcu.column_name, ccu.table_name AS foreign_table, ccu.column_name AS foreign_column
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
  )
  for (const fk of fks) info.foreignKeys.push(`${fk.table_name}(${fk.column_name}) -> ${fk.foreign_table}(${fk.foreign_column})`)
  const indexes = await driver.all<{indexname: string; tablename: string; indexdef: string}>(
    `SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'`,
  )
  for (const index of indexes) {
    // `CREATE INDEX name ON table USING btree (cols)`, then ` WHERE (predicate)` for a partial index.
    const [, cols = '', where] = /USING \w+ \((.*?)\)( WHERE .*)?$/.exec(index.indexdef) ?? []
    info.indexes.push(`${index.indexname} on ${index.tablename}(${cols})${where ? ' partial' : ''}`)
  }
  info.foreignKeys.sort()
  info.indexes.sort()
  return info
}
