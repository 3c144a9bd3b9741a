import {MonCommand} from '../base-command.js'
import type {Output} from '../output.js'

/** `mon version`, for those used to kubectl and terraform: the same line as `mon --version` and `mon -v`. */
export default class Version extends MonCommand<typeof Version> {
  static override summary = 'Print the version of mon (the same as mon --version).'

  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json']

  protected async execute(): Promise<Output<{version: string; user_agent: string}>> {
    const {version, userAgent} = this.config
    return {data: {version, user_agent: userAgent}, views: {text: () => `${userAgent}\n`}}
  }
}
