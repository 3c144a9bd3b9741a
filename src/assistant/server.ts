/**
 * `mon mcp`: the inventory and its health served to an AI assistant over
 * MCP on stdio, read-only, with the SDK's McpServer and
 * StdioServerTransport. Loaded by that command alone (the SDK's import costs
 * about 200 ms, mcp-research.md): nothing `mon check` loads imports it.
 * stdout belongs to the transport; everything else goes to stderr.
 */
import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js'

import {messageOf, MonError} from '../errors.js'
import {requireCurrentSchema} from '../store/migrator.js'
import {openReadOnly} from '../store/open.js'
import {TOOLS, type ToolContext} from './tools.js'

export interface AssistantOptions {
  db: string
  now: () => Date
  version: string
  /** A line for stderr. */
  log: (line: string) => void
}

const INSTRUCTIONS =
  "Read-only view of mon, an inventory of monitored HTTP services (model servers, gateways, MCP tools, registries) and their health history. Ask it instead of remembering the stack's state: inventory lists what is monitored, status and alerts say what is wrong now, history what happened, where_is_model where a model should run and does."

/**
 * Opens the database (a failure is thrown before anything is served), then
 * serves until the client goes (stdin ends), and closes it.
 */
export async function serveAssistant(options: AssistantOptions): Promise<void> {
  const driver = await openReadOnly(options.db)
  try {
    await requireCurrentSchema(driver)
    const server = new McpServer({name: 'mon', version: options.version}, {instructions: INSTRUCTIONS})
    const context: ToolContext = {driver, now: options.now}
    // One call at a time: one driver never runs two statements at once.
    let queue: Promise<unknown> = Promise.resolve()
    for (const tool of TOOLS) {
      server.registerTool(
        tool.name,
        {description: tool.description, inputSchema: tool.input, annotations: {readOnlyHint: true, openWorldHint: false}},
        (args: Record<string, unknown>) => {
          const run = queue.then(() => answer(tool.name, () => tool.answer(context, args as never), options.log))
          queue = run
          return run
        },
      )
    }
    const closed = new Promise<void>((resolve) => (server.server.onclose = resolve))
    const transport = new StdioServerTransport()
    // A client may write its requests and close stdin at once (a pipe): the calls under way, and those
    // still being parsed when the end came, are answered first.
    let ending = false
    const end = () => {
      if (ending) return
      ending = true
      const settled = async () => {
        for (let seen: Promise<unknown> | undefined; seen !== queue; ) {
          seen = queue
          await seen.catch(() => {})
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
      void settled().then(() => server.close())
    }
    process.stdin.once('end', end).once('close', end)
    await server.connect(transport)
    await closed
    process.stdin.off('end', end).off('close', end)
  } finally {
    await driver.close()
  }
}

type ToolResult = {content: Array<{type: 'text'; text: string}>; structuredContent?: Record<string, unknown>; isError?: boolean}

/** The answer as JSON text and as structured content; a failure as a tool error of one line, never a crash of the session. */
async function answer(name: string, read: () => Promise<unknown>, log: (line: string) => void): Promise<ToolResult> {
  try {
    const value = (await read()) as Record<string, unknown>
    return {content: [{type: 'text', text: JSON.stringify(value)}], structuredContent: value}
  } catch (err) {
    // A bad argument is the caller's; anything else is also said on stderr, where an operator looks.
    if (!(err instanceof MonError)) log(`mon mcp: ${name} failed: ${messageOf(err)}`)
    return {content: [{type: 'text', text: messageOf(err)}], isError: true}
  }
}
