import {Flags} from '@oclif/core'

import {MonCommand, dbFlag} from '../base-command.js'
import {durationFlag} from '../duration.js'
import {isoBefore} from '../history/window.js'

export default class Prune extends MonCommand {
  static override summary = 'Delete snapshots older than --older-than; --dry-run counts them.'
  static override description = 'Deletes in small batches, each committed on its own, so that a mon check running meanwhile can still write. Never deletes an entity, an endpoint or a registry entry.'

  static override examples = ['<%= config.bin %> prune --older-than 30d --dry-run', '<%= config.bin %> prune --older-than 90d --json']

  static override flags = {
    db: dbFlag,
    'older-than': Flags.string({description: 'Delete snapshots observed longer ago than this (e.g. 30d).', required: true}),
    'dry-run': Flags.boolean({description: 'Only count the snapshots that would be deleted.', default: false}),
    'batch-size': Flags.integer({description: 'Snapshots deleted per transaction.', default: 5000, min: 1, hidden: true}),
  }

  async run(): Promise<{deleted: number; dry_run: boolean; before: string}> {
    const {flags} = await this.parse(Prune)
    const before = isoBefore(new Date(), durationFlag('older-than', flags['older-than']))

    const {countSnapshotsBefore, pruneSnapshotsBefore} = await import('../store/history.js')
    const deleted = await this.withCurrentSchema(
      flags.db,
      async (driver) => {
        if (flags['dry-run']) return countSnapshotsBefore(driver, before)
        const progress = process.stderr.isTTY ? (n: number) => void process.stderr.write(`\rdeleted ${n} snapshots…`) : undefined
        const n = await pruneSnapshotsBefore(driver, before, {batchSize: flags['batch-size'], onBatch: progress})
        if (progress) process.stderr.write('\n')
        return n
      },
    )

    if (!this.jsonEnabled()) {
      const noun = deleted === 1 ? 'snapshot' : 'snapshots'
      this.log(flags['dry-run'] ? `Would delete ${deleted} ${noun} observed before ${before} (dry run).` : `Deleted ${deleted} ${noun} observed before ${before}.`)
    }
    return {deleted, dry_run: flags['dry-run'], before}
  }
}
