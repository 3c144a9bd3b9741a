/**
 * The pure half of `kind: mcp` (SPEC section 8): what the probe learned
 * (mcp-probe.ts does the requests) and how it is judged.
 */

/** What an MCP check learned, for its judge. Owned by the mcp work; a placeholder until it lands. */
export interface McpAnswer {
  protocol_version?: string
}
