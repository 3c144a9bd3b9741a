/**
 * The pure half of `kind: completion` (SPEC section 8): what the streamed
 * answer said (completion-probe.ts reads it) and how it is judged.
 */

/** What a completion check learned, for its judge. Owned by the completion work; a placeholder until it lands. */
export interface CompletionAnswer {
  model?: string
}
