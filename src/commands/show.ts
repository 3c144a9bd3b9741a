import {Args} from '@oclif/core'

import {MonCommand} from '../base-command.js'
import {didYouMean} from '../config/suggest.js'
import {MonError} from '../errors.js'
import * as flag from '../flags.js'
import {parsePayload, renderSnapshotText, type Payload} from '../history/payload.js'
import type {Output} from '../output.js'
import type {HistorySnapshot} from '../rows.js'

/** Characters of the body the text prints (the default --max-payload): --json prints all that was stored. */
const SHOW_BODY_CHARS = 16_384

export type ShownSnapshot = Omit<HistorySnapshot, 'payload_json'> & {payload: Payload | null}

export default class Show extends MonCommand<typeof Show> {
  static override summary = 'One snapshot in full: what was checked, the verdict, and the payload the check stored.'
  static override description = `The payload is what the check kept of the answer: HTTP status, the phases of the request, the headers kept, the body (as cut when stored, --max-payload of mon check) and the assertion results. Snapshot IDs are in mon history and in mon check --json (snapshot_id).`

  static override examples = ['<%= config.bin %> show 0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b', '<%= config.bin %> show 0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b --json']

  static override args = {
    snapshot_id: Args.string({description: 'A snapshot ID (mon history lists them).', required: true}),
  }

  static override flags = {
    db: flag.db,
  }

  protected async execute(): Promise<Output<ShownSnapshot>> {
    const {flags} = this
    const id = this.args.snapshot_id
    const {findHistoryTarget, readAllIds, readSnapshot} = await import('../store/history.js')
    const row = await this.withCurrentSchema(flags.db, async (driver) => {
      const found = await readSnapshot(driver, id)
      if (found) return found
      const missing = `no snapshot with id "${id}" in ${driver.target}`
      // An entity, endpoint or registry ID where a snapshot ID belongs: say where its snapshots are.
      if (await findHistoryTarget(driver, id)) throw new MonError(`${missing}; "${id}" is not a snapshot ID: mon history ${id} lists its snapshots`)
      const hint = didYouMean([id], await readAllIds(driver))
      throw new MonError(hint === '' ? missing : `${missing}${hint} (mon history lists its snapshots)`)
    }, {readOnly: true})
    const {payload_json, ...rest} = row
    const snapshot: ShownSnapshot = {...rest, payload: parsePayload(payload_json)}
    return {data: snapshot, views: {text: () => renderSnapshotText(snapshot, {maxBody: SHOW_BODY_CHARS})}}
  }
}
