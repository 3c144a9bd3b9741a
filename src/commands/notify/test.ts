import {Args} from '@oclif/core'

import {MonCommand} from '../../base-command.js'
import {didYouMean} from '../../config/suggest.js'
import {MonError} from '../../errors.js'
import * as flag from '../../flags.js'
import type {Output} from '../../output.js'

export interface NotifyTestResult {
  notifier_id: string
  type: string
  notification_id: string
  state: 'sent'
}

export default class NotifyTest extends MonCommand<typeof NotifyTest> {
  static override summary = 'Send a test message to one notifier, and say whether it arrived.'
  static override description = `Sends a "test" event to an applied, active notifier, with its \${VAR} settings resolved from the environment as mon check would, and records it in the outbox as sent or failed (a test is never retried). Exit 0 when the receiver accepted it (a 2xx answer; for email, the server's accept), 1 otherwise with the reason.`
  static override examples = ['<%= config.bin %> notify test ops-slack', '<%= config.bin %> notify test hook --db postgres://mon@127.0.0.1/mon --json']

  static override args = {
    notifier_id: Args.string({description: 'A notifier ID from the file\'s notifiers (as applied).', required: true}),
  }

  static override flags = {db: flag.db}

  protected async execute(): Promise<Output<NotifyTestResult>> {
    const id = this.args.notifier_id
    const now = this.now()
    const [{readAlertConfig}, {sendTestMessage}, {deliveryTimeoutMs}] = await Promise.all([
      import('../../store/alert-config.js'),
      import('../../notify/test-message.js'),
      import('../../notify/http-post.js'),
    ])
    const result = await this.withCurrentSchema(this.flags.db, async (driver) => {
      const notifiers = (await readAlertConfig(driver)).notifiers
      const notifier = notifiers.get(id)
      if (!notifier) {
        const active = [...notifiers.values()].filter((n) => !n.retired).map((n) => n.id)
        throw new MonError(`no notifier "${id}" in ${driver.target}${didYouMean([id], active)}`)
      }
      if (notifier.retired) throw new MonError(`notifier "${id}" is retired (it is no longer in the applied file): nothing is sent to it`)
      const sent = await sendTestMessage(driver, notifier, {now, env: process.env, timeoutMs: deliveryTimeoutMs(process.env)})
      if (!sent.outcome.ok) throw new MonError(`notifier ${id}: ${sent.outcome.error}`, {details: {notification_id: sent.notification_id}})
      return {notifier_id: id, type: notifier.type, notification_id: sent.notification_id, state: 'sent' as const}
    })
    return {data: result, views: {text: () => `Sent a test message to ${result.notifier_id} (${result.type}).\n`}}
  }
}
