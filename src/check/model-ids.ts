/**
 * The model ids a snapshot keeps (SPEC section 8): a `kind: models` check
 * keeps its list's ids in `payload.models`, so that the next run can tell
 * what changed and a registry's `serves` can be compared with it. Sorted and
 * unique, and bounded: a list longer than MODEL_IDS_MAX keeps its first ids
 * in sort order and says so (`payload.models_cut: true`).
 */
import {sortedIds} from '../config/alert.js'
import {andMore, pluralWord} from '../plural.js'

export const MODEL_IDS_MAX = 5000
/** An id longer than this is kept cut to it: a server's answer is not ours. */
export const MODEL_ID_MAX_LENGTH = 500

/** Every id a list's `data` items hold (each cut to MODEL_ID_MAX_LENGTH): what `expect` is looked up in, a cut list too. */
export function listedIds(data: readonly unknown[]): Set<string> {
  const ids = new Set<string>()
  for (const item of data) {
    const id = (item as {id?: unknown} | null)?.id
    if (typeof id === 'string' && id !== '') ids.add(id.slice(0, MODEL_ID_MAX_LENGTH))
  }
  return ids
}

/** The ids a snapshot keeps of those listed: sorted, the first MODEL_IDS_MAX. */
export function keptIds(listed: ReadonlySet<string>): {ids: string[]; cut: boolean} {
  const sorted = sortedIds([...listed])
  return {ids: sorted.slice(0, MODEL_IDS_MAX), cut: sorted.length > MODEL_IDS_MAX}
}

/** The ids a stored payload keeps, or undefined when it holds no list (an error, or a release before lists were kept). */
export function keptModelIds(payload: Record<string, unknown> | null | undefined): string[] | undefined {
  const models = payload?.models
  return Array.isArray(models) && models.every((id) => typeof id === 'string') ? (models as string[]) : undefined
}

/** Characters of names a finding lists before it says `and N more`: the detail is one line of 200. */
const NAMES_MAX_CHARS = 80

/** `a, b, c` while it fits in `maxChars` (always the first name), then `and N more`. */
export function someNames(names: readonly string[], maxChars = NAMES_MAX_CHARS): string {
  let shown = 1
  let length = names[0]?.length ?? 0
  while (shown < names.length && length + 2 + names[shown]!.length <= maxChars) length += 2 + names[shown++]!.length
  return andMore(names.slice(0, shown), names.length)
}

/** The expected ids a list does not hold; `listed` holds every id the list read, not only the kept ones. */
export function missingModels(expect: readonly string[], listed: ReadonlySet<string>): string | undefined {
  const missing = expect.filter((id) => !listed.has(id))
  if (missing.length === 0) return undefined
  return `${pluralWord(missing.length, 'model')} missing: ${someNames(missing)}`
}

/**
 * What changed between the earlier kept ids and these, or undefined when
 * nothing did. A cut list (more than MODEL_IDS_MAX ids) keeps only its first
 * ids in sort order, so what lies past its last kept id is unknown: only ids
 * up to the last id both lists kept are compared.
 */
export function changedModels(earlier: {ids: readonly string[]; cut: boolean}, now: {ids: readonly string[]; cut: boolean}): string | undefined {
  const horizons = [earlier, now].filter((list) => list.cut).map((list) => list.ids.at(-1) ?? '')
  const known = (id: string) => horizons.every((last) => id <= last)
  const before = new Set(earlier.ids)
  const after = new Set(now.ids)
  const added = now.ids.filter((id) => !before.has(id) && known(id))
  const removed = earlier.ids.filter((id) => !after.has(id) && known(id))
  if (added.length === 0 && removed.length === 0) return undefined
  const parts = [added.length > 0 ? `added ${someNames(added, NAMES_MAX_CHARS / 2)}` : '', removed.length > 0 ? `removed ${someNames(removed, NAMES_MAX_CHARS / 2)}` : '']
  return `models changed: ${parts.filter(Boolean).join('; ')}`
}
