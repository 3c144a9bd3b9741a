import {MonCommand, configFlag} from '../base-command.js'

export default class Validate extends MonCommand {
  static override description = 'Check monitors.yaml against the schema and the rules; never opens the database.'
  static override flags = {config: configFlag}

  async run(): Promise<unknown> {
    const {flags} = await this.parse(Validate)
    return {config: flags.config}
  }
}
