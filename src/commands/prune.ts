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
    'batch-size': Flags.integer({description: 'Snapshots deleted per transaction.', default: 5000, min: 1, hidden: true}),
  }

  protected async execute(): Promise<Output<{deleted: number; dry_run: boolean; before: string}>> {
    const {flags} = this
    const before = isoBefore(this.now(), flags['older-than'].ms)
    const dryRun = flags['dry-run']
    const {countSnapshotsBefore, pruneSnapshotsBefore} = await import('../store/history.js')
    const deleted = await this.withCurrentSchema(flags.db, async (driver) => {
      if (dryRun) return countSnapshotsBefore(driver, before)
      const progress = redrawWanted(process.stderr) ? (n: number) => void process.stderr.write(`\rdeleted ${n} snapshots…`) : undefined
      const n = await pruneSnapshotsBefore(driver, before, {batchSize: flags['batch-size'], onBatch: progress})
      if (progress) process.stderr.write('\n')
      return n
    })
    const counted = `${plural(deleted, 'snapshot')} observed before ${before}`
    return {
      data: {deleted, dry_run: dryRun, before},
      views: {text: () => (dryRun ? `Would delete ${counted} (dry run).\n` : `Deleted ${counted}.\n`)},
    }
  }
}
