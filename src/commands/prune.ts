import {Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import {isoBefore} from '../history/window.js'
import type {Output} from '../output.js'
import {plural} from '../plural.js'
import {redrawWanted} from '../terminal.js'
import {UsageError} from '../errors.js'

export default class Prune extends MonCommand<typeof Prune> {
  static override summary = 'Delete snapshots older than --older-than, rollups older than --rollups-older-than; --dry-run counts them.'
  static override description = 'Deletes in small batches, each committed on its own, so that a mon check running meanwhile can still write. Never deletes an entity, an endpoint or a registry entry. --older-than keeps the hourly, daily and weekly rollups, so long-window uptime and SLOs survive; --rollups-older-than prunes those.'

  static override examples = ['<%= config.bin %> prune --older-than 30d --dry-run', '<%= config.bin %> prune --older-than 90d --json', '<%= config.bin %> prune --older-than 30d --rollups-older-than 400d']

  static override flags = {
    db: flag.db,
    'older-than': flag.optionalDuration({description: 'Delete snapshots observed longer ago than this (e.g. 30d).'}),
    'rollups-older-than': flag.optionalDuration({description: 'Delete hourly, daily and weekly rollups whose period ended longer ago than this (e.g. 400d).'}),
    'dry-run': Flags.boolean({description: 'Only count the snapshots that would be deleted.', default: false}),
    vacuum: Flags.boolean({description: "Reclaim the deleted rows' space afterwards: VACUUM (SQLite rewrites the file; PostgreSQL makes the space reusable). See docs/database.md.", default: false}),
    'batch-size': Flags.integer({description: 'Snapshots deleted in the first transaction; later ones are sized by time.', default: 5000, min: 1, hidden: true}),
  }

  protected async execute(): Promise<Output<{deleted: number; dry_run: boolean; before: string | null; vacuumed: boolean; batches: number; longest_batch_ms: number; rollups: RollupsPruned | null}>> {
    const {flags} = this
    if (!flags['older-than'] && !flags['rollups-older-than']) throw new UsageError('mon prune needs --older-than, --rollups-older-than or both (see --help)')
    const before = flags['older-than'] ? isoBefore(this.now(), flags['older-than'].ms) : null
    const dryRun = flags['dry-run']
    const rollupsBefore = flags['rollups-older-than'] ? isoBefore(this.now(), flags['rollups-older-than'].ms) : null
    const vacuumed = flags.vacuum && !dryRun
    const {countSnapshotsBefore, pruneSnapshotsBefore} = await import('../store/prune.js')
    const {countRollupsBefore, pruneRollupsBefore} = await import('../store/rollups.js')
    // One connection for all of it; snapshots first, since which rollups may go depends on the oldest snapshot kept.
    const {deleted, batches, longest_batch_ms, rollups} = await this.withCurrentSchema(flags.db, async (driver) => {
      let snapshots = {deleted: 0, batches: 0, longest_batch_ms: 0}
      if (before !== null && dryRun) snapshots.deleted = await countSnapshotsBefore(driver, before)
      else if (before !== null) {
        const progress = redrawWanted(process.stderr) ? (n: number) => void process.stderr.write(`\rdeleted ${n} snapshots…`) : undefined
        const result = await pruneSnapshotsBefore(driver, before, {batchSize: flags['batch-size'], onBatch: progress})
        if (progress) process.stderr.write('\n')
        // The longest a batch held the write lock, to the millisecond: what a concurrent mon check waited at most.
        snapshots = {...result, longest_batch_ms: Math.round(result.longest_batch_ms)}
      }
      const rolled: RollupsPruned | null =
        rollupsBefore === null ? null : {deleted: await (dryRun ? countRollupsBefore(driver, rollupsBefore) : pruneRollupsBefore(driver, rollupsBefore)), before: rollupsBefore}
      // After both deletes, outside any transaction, as both engines require; the same statement on both.
      if (vacuumed) await driver.exec('VACUUM')
      return {...snapshots, rollups: rolled}
    })
    const counted = [
      ...(before === null ? [] : [`${plural(deleted, 'snapshot')} observed before ${before}`]),
      ...(rollups === null ? [] : [`${plural(rollups.deleted, 'rollup')} ended by ${rollups.before}`]),
    ].join(' and ')
    return {
      data: {deleted, dry_run: dryRun, before, vacuumed, batches, longest_batch_ms, rollups},
      views: {text: () => (dryRun ? `Would delete ${counted} (dry run).\n` : `Deleted ${counted}${vacuumed ? '; vacuumed' : ''}.\n`)},
    }
  }
}

interface RollupsPruned {
  deleted: number
  before: string
}
