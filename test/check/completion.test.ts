import {describe, expect, it} from 'vitest'

import {CompletionStream, completionRequest, errorNote, judgeCompletion, streamStep} from '../../src/check/completion.js'
import {judgeHttp} from '../../src/check/judge.js'
import type {EndpointTarget, HttpProbe} from '../../src/check/types.js'
import {BUILTIN_CHECK} from '../../src/config/model.js'

const bytes = (text: string) => Buffer.from(text, 'utf8')

describe('streamStep', () => {
  const step = (data: string, event = 'message') => streamStep({event, data})
  it('a first token is a non-empty content, reasoning_content or reasoning in choices[0].delta', () => {
    const chunk = (delta: unknown) => JSON.stringify({model: 'm', choices: [{index: 0, delta}]})
    expect(step(chunk({role: 'assistant', content: ''}))).toEqual({type: 'chunk', model: 'm'})
    expect(step(chunk({content: 'P'}))).toEqual({type: 'chunk', model: 'm', first: 'content'})
    expect(step(chunk({reasoning: 'H'}))).toEqual({type: 'chunk', model: 'm', first: 'reasoning'})
    expect(step(chunk({reasoning_content: 'H'}))).toEqual({type: 'chunk', model: 'm', first: 'reasoning'})
    expect(step(chunk({content: 5, reasoning: ['x'], tool_calls: [{id: 't'}]}))).toEqual({type: 'chunk', model: 'm'})
    expect(step(JSON.stringify({choices: []}))).toEqual({type: 'chunk'})
    expect(step('[1,2]')).toEqual({type: 'chunk'})
  })

  it('[DONE], error events in every shape, and data that is not JSON', () => {
    expect(step(' [DONE] ')).toEqual({type: 'done'})
    expect(step('{"error":{"message":"CUDA error"}}')).toEqual({type: 'error', message: 'error event in stream: CUDA error'})
    expect(step('{"error":"overloaded"}')).toEqual({type: 'error', message: 'error event in stream: overloaded'})
    expect(step('{"error":{"code":500}}')).toEqual({type: 'error', message: 'error event in stream: {"code":500}'})
    expect(step('{"object":"error","message":"bad"}')).toEqual({type: 'error', message: 'error event in stream: bad'})
    expect(step('{"error":null,"choices":[{"delta":{"content":"x"}}]}')).toEqual({type: 'chunk', first: 'content'})
    expect(step('boom', 'error')).toEqual({type: 'error', message: 'error event in stream: boom'})
    expect(step(' ')).toEqual({type: 'chunk'})
    expect(step('not json')).toEqual({type: 'error', message: 'event in stream is not JSON: not json'})
  })
})

describe('CompletionStream', () => {
  const chunk = (model: string | undefined, delta: unknown) => `data: ${JSON.stringify({...(model ? {model} : {}), choices: [{delta}]})}\n\n`
  it('decides at the first token and names the first model any chunk gave', () => {
    const stream = new CompletionStream(1 << 20)
    expect(stream.push(bytes(chunk(undefined, {content: ''})))).toBeUndefined()
    expect(stream.push(bytes(chunk('a', {content: ''}) + chunk('b', {content: ''})))).toBeUndefined()
    expect(stream.push(bytes(chunk('c', {reasoning: 'x'})))).toEqual({model: 'a', reasoning: true})
  })

  it('[DONE] or the end with no token, and the --max-body cut, are problems', () => {
    const empty = chunk('m', {})
    expect(new CompletionStream(1000).push(bytes(`${empty}data: [DONE]\n\n`))).toEqual({model: 'm', reasoning: false, problem: 'stream ended with no content or reasoning delta'})
    const ended = new CompletionStream(1000)
    expect(ended.push(bytes(empty))).toBeUndefined()
    expect(ended.end()).toEqual({model: 'm', reasoning: false, problem: 'stream ended with no content or reasoning delta'})
    const cut = new CompletionStream(empty.length * 2)
    expect(cut.push(bytes(empty.repeat(2)))).toBeUndefined()
    expect(cut.push(bytes(chunk('m', {content: 'late'})))).toEqual({model: 'm', reasoning: false, problem: `stream longer than --max-body (${empty.length * 2} bytes) with no content or reasoning delta`})
    // A token inside the limit counts, even in the chunk that crosses it.
    const token = chunk('m', {content: 'x'})
    expect(new CompletionStream(token.length + 10).push(bytes(token + empty))).toEqual({model: 'm', reasoning: false})
  })

  it('cuts a model name to 200 characters', () => {
    const stream = new CompletionStream(1 << 20)
    expect(stream.push(bytes(chunk('m'.repeat(300), {content: 'x'})))?.model).toBe('m'.repeat(200))
  })
})

describe('judging a completion', () => {
  it('the request body, keys in canonical order', () => {
    expect(completionRequest({model: 'qwen3-8b', prompt: 'ping', max_tokens: 1})).toBe('{"model":"qwen3-8b","messages":[{"role":"user","content":"ping"}],"max_tokens":1,"stream":true}')
  })

  it('ok, another model, reasoning, a problem, and a model nobody named', () => {
    expect(judgeCompletion('q', {model: 'q', reasoning: false}, undefined, 'text/event-stream', 212.4)).toEqual({
      findings: [], summary: 'first token in 212 ms from q', completion: {model: 'q', first_token_ms: 212.4, reasoning: false},
    })
    expect(judgeCompletion('q', {model: 'l', reasoning: true}, undefined, undefined, 5)).toMatchObject({
      findings: [{status: 'warn', message: 'answered by l instead of q'}], summary: 'first reasoning token in 5 ms',
    })
    expect(judgeCompletion('q', {model: null, reasoning: false}, undefined, undefined, 5)).toMatchObject({findings: [], summary: 'first token in 5 ms', completion: {model: null}})
    expect(judgeCompletion('q', {model: 'q', reasoning: false, problem: 'p'}, undefined, undefined, 5)).toEqual({findings: [{status: 'error', message: 'p'}]})
  })

  it('an answer that was not streamed: JSON with a message warns, an error or no message is an error, anything else is not an event stream', () => {
    const answer = (message: unknown, model = 'q') => ({value: {model, choices: [{message}]}})
    expect(judgeCompletion('q', undefined, answer({content: 'hi'}), 'application/json', 80)).toEqual({
      findings: [{status: 'warn', message: 'not streamed'}], summary: 'answer in 80 ms from q', completion: {model: 'q', first_token_ms: 80, reasoning: false, streamed: false},
    })
    expect(judgeCompletion('q', undefined, answer({content: ''}), 'application/json', 80).findings).toEqual([{status: 'error', message: 'answer has no content or reasoning'}])
    expect(judgeCompletion('q', undefined, {value: {error: {message: 'nope'}}}, 'application/json', 80).findings).toEqual([{status: 'error', message: 'error in answer: nope'}])
    expect(judgeCompletion('q', undefined, undefined, 'text/html; charset=utf-8', 80).findings).toEqual([{status: 'error', message: 'not an event stream (text/html)'}])
    expect(judgeCompletion('q', undefined, undefined, undefined, 80).findings).toEqual([{status: 'error', message: 'not an event stream (no content type)'}])
  })

  it('a short error message after a non-2xx code, none when long or absent', () => {
    expect(errorNote({value: {error: {message: 'Rate limited'}}})).toBe(': Rate limited')
    expect(errorNote({value: {error: {message: 'x'.repeat(121)}}})).toBe('')
    expect(errorNote({value: {ok: true}})).toBe('')
    expect(errorNote(undefined)).toBe('')
  })

  it('judgeHttp: degraded_after applies to the first token; the shared payload (attempts, phases, tls) stays', () => {
    const target: EndpointTarget = {
      table: 'endpoints', id: 'c', entity_id: 'e', kind: 'completion', url: 'http://127.0.0.1:1/v1/chat/completions', method: 'POST',
      check: {...BUILTIN_CHECK, degraded_after: 100, completion: {model: 'q', prompt: 'ping', max_tokens: 1}},
    }
    const probe: HttpProbe = {
      response: {status: 200, status_text: 'OK', headers: {'content-type': 'text/event-stream'}, body: bytes('data: {}\n\n'), truncated: true},
      completion: {model: 'q', reasoning: false},
      latency_ms: 150.5, phases_ms: {resolve: 0, connect: 1, tls: 0, processing: 149.5, transfer: 0}, attempts: 2, observed_at: '2026-12-01T00:00:00.000Z',
    }
    const j = judgeHttp(target, probe, {maxPayload: 1024, maxBody: 4096})
    expect(j).toMatchObject({status: 'warn', detail: 'slower than 100 ms (first token in 151 ms from q)'})
    expect(j.payload).toMatchObject({latency_ms: 150.5, attempts: 2, phases_ms: probe.phases_ms, http_status: 200, completion: {model: 'q', first_token_ms: 150.5, reasoning: false}})
    const limited = judgeHttp(target, {...probe, completion: undefined, response: {...probe.response!, status: 429, headers: {'content-type': 'application/json'}, body: bytes('{"error":{"message":"slow down"}}'), truncated: false}}, {maxPayload: 1024, maxBody: 4096})
    expect(limited).toMatchObject({status: 'error', detail: 'expected 2xx, got 429: slow down'})
    expect(limited.payload.completion).toBeUndefined()
  })
})
