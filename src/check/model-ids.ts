/**
 * The model ids a snapshot keeps (SPEC section 8): a `kind: models` check
 * keeps its list's ids in `payload.models`, so that the next run can tell
 * what changed and a registry's `serves` can be compared with it. Sorted and
 * unique, and bounded: a list longer than MODEL_IDS_MAX keeps its first ids
 * in sort order and says so (`payload.models_cut: true`).
 */
export const MODEL_IDS_MAX = 5000
/** An id longer than this is kept cut to it: a server's answer is not ours. */
export const MODEL_ID_MAX_LENGTH = 500

/** The ids of an OpenAI-style list's `data` items (`{id}`), sorted and unique, at most MODEL_IDS_MAX; items with no string id are skipped. */
export function modelIds(data: readonly unknown[]): {ids: string[]; cut: boolean} {
  const ids = new Set<string>()
  for (const item of data) {
    const id = (item as {id?: unknown} | null)?.id
    if (typeof id === 'string' && id !== '') ids.add(id.slice(0, MODEL_ID_MAX_LENGTH))
  }
  const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return {ids: sorted.slice(0, MODEL_IDS_MAX), cut: sorted.length > MODEL_IDS_MAX}
}

/** The ids a stored payload keeps, or undefined when it holds no list (an error, or a release before lists were kept). */
export function keptModelIds(payload: Record<string, unknown> | null | undefined): string[] | undefined {
  const models = payload?.models
  return Array.isArray(models) && models.every((id) => typeof id === 'string') ? (models as string[]) : undefined
}
