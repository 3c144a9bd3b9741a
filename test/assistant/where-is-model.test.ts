/** where_is_model's matching, pure: exact ids first, case only when nothing is exact, and the text test that spares a parse never misses a match. */
import {describe, expect, it} from 'vitest'

import {mentions, placesOf, type ModelLists} from '../../src/assistant/where-is-model.js'

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

  it('mentions: true for any stored text that holds the id in either match (escapes included), false for a prefix of an id', () => {
    const text = (ids: string[]) => JSON.stringify({body: {data: ids.map((id) => ({id}))}, models: ids})
    for (const id of ['qwen3-8b', 'Qwen3-8B', 'a "quoted" \\ model', 'tab\there', 'ünïcode-Ä']) {
      expect(mentions(id)(text([id]))).toBe(true)
      expect(mentions(id.toUpperCase())(text([id]))).toBe(true)
    }
    expect(mentions('qwen3')(text(['qwen3-8b']))).toBe(false)
  })
})
