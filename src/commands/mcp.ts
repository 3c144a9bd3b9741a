import {MonCommand} from '../base-command.js'
import * as flag from '../flags.js'
import type {Output} from '../output.js'

export default class Mcp extends MonCommand<typeof Mcp> {
  static override summary = 'Serve the inventory and its health, read-only, to an AI assistant over MCP on stdio.'
  static override description = `An MCP server (Model Context Protocol) on stdin and stdout, for an assistant to read ops state instead of keeping it in its memory. Its tools: inventory, status, history, alerts and where_is_model (docs/mcp.md). It opens the database read-only and never probes anything; it ends when the client closes stdin. Add it to a client's configuration as {"command": "mon", "args": ["mcp", "--db", "/var/lib/mon/monitor.db"]}.`

  static override examples = ['<%= config.bin %> mcp --db /var/lib/mon/monitor.db', '<%= config.bin %> mcp --db postgres://mon@db.internal/mon']

  // stdout carries the protocol: no --json output may follow it.
  static override enableJsonFlag = false

  static override flags = {
    db: flag.db,
  }

  protected async execute(): Promise<Output<null>> {
    // An unreadable MON_NOW is a usage error now, not a failed tool call later.
    this.now()
    const {serveAssistant} = await import('../assistant/server.js')
    await serveAssistant({db: this.flags.db, now: () => this.now(), version: this.config.version, log: (line) => this.note(line)})
    return {data: null, views: {text: () => ''}}
  }
}
