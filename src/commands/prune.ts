import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import {isoBefore} from '../history/window.js'
import type {Output} from '../output.js'
import {plural} from '../plural.js'
import {redrawWanted} from '../terminal.js'

export default class Prune extends MonCommand<typeof Prune> {
  static override summary = 'Delete snapshots older than --older-than; --dry-run counts them.'
  static override description = 'Deletes in small batches, each committed on its own, so that a mon check running meanwhile can still write. Never deletes an entity, an endpoint or a registry entry.'

  static override examples = ['<%= config.bin %> prune --older-than 30d --dry-run', '<%= config.bin %> prune --older-than 90d --json']

  static override flags = {
    db: flag.db,
    'older-than': flag.duration({description: 'Delete snapshots observed longer ago than this (e.g. 30d).', required: true}),
    'dry-run': Flags.boolean({description: 'Only count the snapshots that would be deleted.', default: false}),
    vacuum: Flags.boolean({description: "Reclaim the deleted rows' space afterwards: VACUUM (SQLite rewrites the file; PostgreSQL makes the space reusable). See docs/database.md.", default: false}),
    'batch-size': Flags.integer({description: 'Snapshots deleted in the first transaction; later ones are sized by time.', default: 5000, min: 1, hidden: true}),
  }

  protected async execute(): Promise<Output<{deleted: number; dry_run: boolean; before: string; vacuumed: boolean; batches: number; longest_batch_ms: number}>> {
    const {flags} = this
    const before = isoBefore(this.now(), flags['older-than'].ms)
    const dryRun = flags['dry-run']
    const {countSnapshotsBefore, pruneSnapshotsBefore} = await import('../store/history.js')
    const {deleted, batches, longest_batch_ms} = await this.withCurrentSchema(flags.db, async (driver) => {
      if (dryRun) return {deleted: await countSnapshotsBefore(driver, before), batches: 0, longest_batch_ms: 0}
      const progress = redrawWanted(process.stderr) ? (n: number) => void process.stderr.write(`\rdeleted ${n} snapshots…`) : undefined
      const result = await pruneSnapshotsBefore(driver, before, {batchSize: flags['batch-size'], onBatch: progress})
      if (progress) process.stderr.write('\n')
      // Outside any transaction, as both engines require; the same statement on both.
      if (flags.vacuum) await driver.exec('VACUUM')
      // The longest a batch held the write lock, to the millisecond: what a concurrent mon check waited at most.
      return {...result, longest_batch_ms: Math.round(result.longest_batch_ms)}
    })
    const vacuumed = flags.vacuum && !dryRun
    const counted = `${plural(deleted, 'snapshot')} observed before ${before}`
    return {
      data: {deleted, dry_run: dryRun, before, vacuumed, batches, longest_batch_ms},
      views: {text: () => (dryRun ? `Would delete ${counted} (dry run).\n` : `Deleted ${counted}${vacuumed ? '; vacuumed' : ''}.\n`)},
    }
  }
}
