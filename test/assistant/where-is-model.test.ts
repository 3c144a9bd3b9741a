/** where_is_model's matching, pure: exact ids first, case only when nothing is exact, ASCII letters folded. */
import {describe, expect, it} from 'vitest'

import {foldCase, placesOf, type ModelLists} from '../../src/assistant/where-is-model.js'

const lists: ModelLists = {
  declared: [{registry_id: 'registry:a', pairs: [{model: 'Qwen3-8B', entity_id: 'mlx'}, {model: 'llama', entity_id: 'ov'}]}],
  served: [
    {endpoint_id: 'mlx:models', entity_id: 'mlx', models: ['qwen3-8b']},
    {endpoint_id: 'gw:models', entity_id: 'gw', models: ['QWEN3-8B', 'llama']},
  ],
}

describe('placesOf', () => {
  it('an exact id anywhere wins: case variants are then left out', () => {
    expect(placesOf('qwen3-8b', lists)).toEqual({
      match: 'exact',
      models: ['qwen3-8b'],
      places: [{entity_id: 'mlx', declared_by: [], served_by: [{endpoint_id: 'mlx:models', model: 'qwen3-8b'}]}],
    })
  })

  it('with no exact id, every id equal but for case, by entity', () => {
    expect(placesOf('qwen3-8B', lists)).toEqual({
      match: 'case-insensitive',
      models: ['QWEN3-8B', 'Qwen3-8B', 'qwen3-8b'],
      places: [
        {entity_id: 'gw', declared_by: [], served_by: [{endpoint_id: 'gw:models', model: 'QWEN3-8B'}]},
        {entity_id: 'mlx', declared_by: [{registry_id: 'registry:a', model: 'Qwen3-8B'}], served_by: [{endpoint_id: 'mlx:models', model: 'qwen3-8b'}]},
      ],
    })
    expect(placesOf('qwen3', lists)).toEqual({match: 'none', models: [], places: []})
  })

  it('the near match folds ASCII letters only, as SQLite\'s lower() does: the store\'s text test never drops one', () => {
    expect(foldCase('Qwen3-8B-ÄÖ')).toBe('qwen3-8b-ÄÖ')
    expect(placesOf('ÄBC', {declared: [], served: [{endpoint_id: 'x:models', entity_id: 'x', models: ['äbc']}]}).match).toBe('none')
  })
})
