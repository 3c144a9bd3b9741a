// Snapshot rows as the store writes them since migration 0012 (src/store/
// payload-bases.ts storedForms): phases as an array, the payload as a body
// (`~{...}`) or `=` when the body is its target's newest base. The body comes
// from mon's own compactPayload, made once per target and kind of answer
// (payloadKey in test/support/synthetic-history.ts: rows that differ only in
// what a body leaves out), since compacting each of 43 million payloads would
// take longer than writing them; sameAsStore() compares the result with
// storedForms itself before every generation. Part of bench/history-data.js.
import {existsSync} from 'node:fs'

const dist = (p) => new URL(`../dist/${p}`, import.meta.url)

/** A function that turns a generated row (in time order) into the row as stored, or null for a build before 0012 (rows stored as judged). */
export async function storedFormsWriter(payloadKey) {
  if (!existsSync(dist('stored-payload.js'))) return null
  const {compactPayload, isBase, SAME_AS_BASE} = await import(dist('stored-payload.js').href)
  const {compactPhases} = await import(dist('phases.js').href)
  const bodies = new Map()
  const newestBase = new Map()
  // The generator writes phases by name in PHASES order, so their array is the same text without the names:
  // a fifth of compactPhases' cost (which parses and prints each). sameAsStore() holds it to compactPhases.
  const compact = (json) => (json === null || !json.startsWith('{"resolve":') ? compactPhases(json) : `[${json.slice(1, -1).replace(/"[a-z]+":/g, '')}]`)
  // Changes the generated row in place: a spread copy of each row would cost more than all the rest.
  return (row) => {
    const phases_ms_json = (row.phases_ms_json = compact(row.phases_ms_json))
    const key = payloadKey(row)
    let body = bodies.get(key)
    if (body === undefined) bodies.set(key, (body = compactPayload(row.payload_json, {latency_ms: row.latency_ms, phases_ms_json, observed_at: row.observed_at})))
    // Not a body (a payload that does not round-trip): stored whole, and never a base.
    if (!isBase(body)) return row
    const target = row.endpoint_id ?? row.registry_id
    row.payload_json = newestBase.get(target) === body ? SAME_AS_BASE : body
    newestBase.set(target, body)
    return row
  }
}

/**
 * Throws unless the writer turns `rows` into exactly what storedForms makes of
 * them, batch by batch as mon check writes, over a store that holds just what
 * those batches wrote (each target's newest snapshot and base).
 */
export async function sameAsStore(rows, payloadKey) {
  const ours = await storedFormsWriter(payloadKey)
  if (!ours) return
  const {storedForms} = await import(dist('store/payload-bases.js').href)
  const {isBase} = await import(dist('stored-payload.js').href)
  // Answers storedForms' lookups of a target's newest snapshot (its time and stored payload) and newest base.
  const newest = new Map()
  const store = {all: async (_sql, ids) => ids.map((id) => ({id, observed_at: null, payload_json: null, base: null, ...newest.get(id)}))}
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200)
    const theirs = await storedForms(store, batch)
    for (const [j, row] of theirs.entries()) {
      const target = row.endpoint_id ?? row.registry_id
      newest.set(target, {observed_at: row.observed_at, payload_json: row.payload_json, base: isBase(row.payload_json) ? row.payload_json : (newest.get(target)?.base ?? null)})
      const mine = ours({...batch[j]})
      if (JSON.stringify(mine) !== JSON.stringify(row)) throw new Error(`bench/history-stored-forms.js writes ${JSON.stringify(mine)} where mon stores ${JSON.stringify(row)}`)
    }
  }
}
