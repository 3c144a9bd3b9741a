// Bytes per million snapshots of the generated history, by table and index
// (SQLite: the dbstat table; PostgreSQL: pg_relation_size). bench/size.js
// measures the same checks before and after the snapshot-size work; this is
// the size of the history the other figures were measured on. Part of bench/history.js.
import {statSync} from 'node:fs'

import Database from 'better-sqlite3'
import pg from 'pg'

async function relations(meta) {
  if (meta.kind === 'sqlite') {
    const db = new Database(meta.db, {readonly: true})
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all()
    db.close()
    return {total: statSync(meta.db).size, rows}
  }
  const client = new pg.Client({connectionString: meta.db})
  await client.connect()
  const rows = (
    await client.query(`SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't')`)
  ).rows.map((r) => ({name: r.name, bytes: Number(r.bytes)}))
  const total = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n)
  await client.end()
  return {total, rows}
}

export async function sizePerMillion(meta, {log}) {
  const {total, rows} = await relations(meta)
  const perMillion = (bytes) => `${((bytes / meta.rows) * 1e6 / 2 ** 20).toFixed(0)} MB`
  log(`\nsize (${meta.kind}): ${(total / 2 ** 30).toFixed(2)} GiB for ${meta.rows.toLocaleString('en')} snapshots, **${perMillion(total)} per million** (target <= 200 MB)`)
  log('| table or index | per million snapshots |')
  log('|---|---|')
  for (const r of rows.filter((x) => x.bytes > 0.005 * total).sort((a, b) => b.bytes - a.bytes)) log(`| ${r.name} | ${perMillion(r.bytes)} |`)
}
