/** Flags that status and report share, so that they mean the same in both. */
import {Flags} from '@oclif/core'

import {ENTITY_TYPES} from '../config/model.js'

export const inventoryFilterFlags = {
  type: Flags.string({description: 'Only entities of this type (repeatable).', options: [...ENTITY_TYPES], multiple: true}),
  owner: Flags.string({description: 'Only entities with this owner (repeatable).', multiple: true}),
  only: Flags.string({description: 'Only these entity, endpoint or registry entry IDs (repeatable).', multiple: true}),
}

export const staleAfterFlag = Flags.string({
  description: 'An endpoint or registry entry not observed for this long is stale.',
  default: '1h',
})
