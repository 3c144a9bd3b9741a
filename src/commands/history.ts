import {Args, Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {MonError} from '../errors.js'
import * as flag from '../flags.js'
import {renderHistoryText} from '../history/text.js'
import {isoBefore} from '../history/window.js'
import type {Output} from '../output.js'
import type {HistorySnapshot} from '../rows.js'

/** Above this a limit is a typo, and past 2^53 it would not even bind as an integer. */
const MAX_HISTORY_LIMIT = 1_000_000

export default class History extends MonCommand<typeof History> {
  static override summary = 'Snapshots of one entity, endpoint or registry entry, newest first.'
  static override description = 'Retired entities and endpoints keep their history: their IDs work here too.'

  static override examples = [
    '<%= config.bin %> history mlx:8100',
    '<%= config.bin %> history mlx:8100:health --since 1h --limit 20',
    '<%= config.bin %> history mlx:8100 --json',
  ]

  static override args = {
    id: Args.string({description: 'An entity, endpoint or registry entry ID.', required: true}),
  }

  static override flags = {
    db: flag.db,
    since: flag.duration({description: 'How far back, from now.', default: '7d'}),
    limit: Flags.integer({description: 'At most this many snapshots.', default: 50, min: 1, max: MAX_HISTORY_LIMIT}),
  }

  protected async execute(): Promise<Output<{id: string; snapshots: HistorySnapshot[]}>> {
    const {args, flags} = this
    const now = new Date()
    const since = isoBefore(now, flags.since.ms)
    const {findHistoryTarget, readHistory} = await import('../store/history.js')
    const snapshots = await this.withCurrentSchema(flags.db, async (driver) => {
      const target = await findHistoryTarget(driver, args.id)
      if (!target) throw new MonError(`no entity, endpoint or registry entry with id "${args.id}" in ${driver.target}`)
      return readHistory(driver, target, {since, limit: flags.limit})
    }, {readOnly: true})
    return {data: {id: args.id, snapshots}, views: {text: (paint) => renderHistoryText(args.id, snapshots, {paint, now, since})}}
  }
}
