import {Args, Flags} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {didYouMean} from '../config/suggest.js'
import {MonError, UsageError} from '../errors.js'
import * as flag from '../flags.js'
import {parsePayload, renderHistoryPayloads, type Payload} from '../history/payload.js'
import {renderHistoryText} from '../history/text.js'
import {isoBefore} from '../history/window.js'
import type {Output} from '../output.js'
import type {HistorySnapshot} from '../rows.js'
import type {Paint} from '../terminal.js'

/** The most snapshots --payload prints: each carries its whole stored payload. */
const MAX_PAYLOAD_LIMIT = 1000
/** Above this a limit is a typo, and past 2^53 it would not even bind as an integer. */
const MAX_HISTORY_LIMIT = 1_000_000

/** Characters of each body `--payload` prints: a list of them stays readable; `mon show` prints more. */
const HISTORY_BODY_CHARS = 1024

type Listed = Omit<HistorySnapshot, 'payload_json'> & {payload?: Payload | null}

export default class History extends MonCommand<typeof History> {
  static override summary = 'Snapshots of one entity, endpoint or registry entry, newest first.'
  static override description = `Retired entities and endpoints keep their history: their IDs work here too.
--payload adds what each check stored of the answer: HTTP status, the phases of the request, the headers kept, the body (as cut when stored) and the assertion results. mon show SNAPSHOT_ID prints one snapshot in full.`

  static override examples = [
    '<%= config.bin %> history mlx:8100',
    '<%= config.bin %> history mlx:8100:health --since 1h --limit 20',
    '<%= config.bin %> history mlx:8100:health --payload --limit 3',
    '<%= config.bin %> history mlx:8100 --json',
  ]

  static override args = {
    id: Args.string({description: 'An entity, endpoint or registry entry ID.', required: true}),
  }

  static override flags = {
    db: flag.db,
    since: flag.duration({description: 'How far back, from now.', default: '7d'}),
    limit: Flags.integer({description: 'At most this many snapshots.', default: 50, min: 1, max: MAX_HISTORY_LIMIT}),
    payload: Flags.boolean({description: "Print each snapshot's stored payload too (in --json, as `payload`)."}),
  }

  protected async execute(): Promise<Output<{id: string; snapshots: Listed[]}>> {
    const {args, flags} = this
    // Each payload is up to --max-payload (16 KiB by default): a bounded page of them, not a million.
    if (flags.payload && flags.limit > MAX_PAYLOAD_LIMIT) throw new UsageError(`--payload shows at most ${MAX_PAYLOAD_LIMIT} snapshots at a time: lower --limit (it is ${flags.limit})`)
    const now = this.now()
    const since = isoBefore(now, flags.since.ms)
    const {findHistoryTarget, readAllIds, readHistory, readSnapshot} = await import('../store/history.js')
    const rows = await this.withCurrentSchema(flags.db, async (driver) => {
      const target = await findHistoryTarget(driver, args.id)
      if (!target) {
        const missing = `no entity, endpoint or registry entry with id "${args.id}" in ${driver.target}`
        // A snapshot's ID where a target's belongs: say which command shows it.
        if (await readSnapshot(driver, args.id)) throw new MonError(`${missing}; "${args.id}" is a snapshot ID: mon show ${args.id} prints it`)
        throw new MonError(`${missing}${didYouMean([args.id], await readAllIds(driver))}`)
      }
      return readHistory(driver, target, {since, limit: flags.limit, payload: flags.payload})
    }, {readOnly: true})
    const snapshots: Listed[] = rows.map(({payload_json, ...s}) => (flags.payload ? {...s, payload: parsePayload(payload_json)} : s))
    const text = (paint: Paint) => {
      const list = renderHistoryText(args.id, snapshots, {paint, now, since})
      return flags.payload ? renderHistoryPayloads(list, snapshots.map((s) => s.payload ?? null), {maxBody: HISTORY_BODY_CHARS}) : list
    }
    return {data: {id: args.id, snapshots}, views: {text}}
  }
}
