/** Flags that status and report share, so that they mean the same in both. */
import {Flags} from '@oclif/core'

import {ENTITY_TYPES} from '../config/model.js'

export const inventoryFilterFlags = {
  type: Flags.string({description: 'Only entities of this type (repeatable).', options: [...ENTITY_TYPES], multiple: true}),
  owner: Flags.string({description: 'Only entities with this owner (repeatable).', multiple: true}),
  // The same spelling as `mon check --only`: repeat it, or separate IDs with commas.
  only: Flags.string({
    description: 'Only these entity, endpoint or registry entry IDs (repeat, or separate with commas); an entity ID keeps all it holds.',
    multiple: true,
    delimiter: ',',
  }),
}

export const staleAfterFlag = Flags.string({
  description: 'An endpoint or registry entry not observed for this long is stale.',
  default: '1h',
})
