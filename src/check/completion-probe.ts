/**
 * The shell half of `kind: completion`: one streamed chat-completion request,
 * read up to its first token (check/completion.ts reads the bytes).
 */
import {STATUS_CODES} from 'node:http'

import type {Dispatcher} from 'undici'

import {type CompletionAnswer, completionRequest, CompletionStream} from './completion.js'
import {readLimit} from './kinds.js'
import {contentLength, flatHeaders, readCapped} from './read-capped.js'
import type {Hop} from './redirects.js'
import type {TimedHop} from './timed-hop.js'
import type {EndpointTarget, HttpProbe} from './types.js'

/** Headers mon sets itself: the body is its own JSON, and the answer is read as an event stream. */
const OWN_HEADERS = {'content-type': 'application/json', accept: 'text/event-stream'}

/**
 * POSTs the completion through `follow`: a gateway behind a proxy may
 * redirect (http to https, a trailing slash), and `follow` keeps mon's
 * redirect rules (a 307/308 keeps the POST and its body, a secret header is
 * dropped on the way to another origin, loops and chains end). An event
 * stream is read until its first token, and its hop is marked finished at
 * that moment, so the latency is the time to the first token, not to the
 * stream's end; the attempt then closes the connection. Any other answer is
 * read as a body (a non-2xx, or a completion that was not streamed).
 */
export const completionWork = async ({target, request, signal, hops, progress, limits, follow}: CompletionAttempt): Promise<Pick<HttpProbe, 'response' | 'completion'>> => {
  const settings = target.check.completion
  if (!settings) throw new Error('check.completion is not set (apply a monitors.yaml that sets check.completion.model)')
  const headers = {...withoutOwn(request.headers), ...OWN_HEADERS}
  const res = await follow({url: new URL(target.url), method: 'POST', headers}, request.secretHeaders, signal, hops, completionRequest(settings))
  const received = flatHeaders(res.headers)
  const response = {status: res.statusCode, status_text: STATUS_CODES[res.statusCode] ?? '', headers: received}
  if (!/^text\/event-stream\b/i.test(received['content-type'] ?? '')) {
    // A 2xx answer is read whole (to --max-body) as a completion that was not streamed; an error as any body.
    const ok = res.statusCode >= 200 && res.statusCode < 300
    const limitOf = (head: Buffer) => (ok ? limits.maxBody : readLimit(target, limits, received['content-type'], head))
    const body = await readCapped(res.body, limitOf, Math.max(limits.maxBody, limits.maxPayload), contentLength(received))
    return {response: {...response, body: body.bytes, truncated: body.truncated}}
  }
  progress.waiting = 'the first token'
  const read = await readStream(res.body, hops.at(-1)!, limits)
  return {response: {...response, body: read.kept, truncated: read.truncated}, completion: read.answer}
}

/**
 * What the work uses of http-probe.ts's AttemptWork argument, written out:
 * importing that type would make a cycle (http-probe.ts registers this work).
 */
interface CompletionAttempt {
  target: EndpointTarget
  request: {headers: Record<string, string>; secretHeaders: ReadonlySet<string>}
  signal: AbortSignal
  hops: TimedHop[]
  progress: {waiting?: string}
  limits: {maxBody: number; maxPayload: number}
  follow: (first: Hop, secretHeaders: ReadonlySet<string>, signal: AbortSignal, hops: TimedHop[], body?: string | Buffer) => Promise<Dispatcher.ResponseData>
}

/** The user's headers less those mon sets, whatever their case. */
function withoutOwn(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !(name.toLowerCase() in OWN_HEADERS)))
}

/**
 * Feeds the stream to CompletionStream until it decides (first token, error
 * event, `[DONE]`, --max-body) or ends, finishing the hop at that moment.
 * Keeps the first --max-payload bytes read, for the snapshot.
 */
function readStream(
  body: Dispatcher.ResponseData['body'],
  hop: TimedHop,
  limits: {maxBody: number; maxPayload: number},
): Promise<{answer: CompletionAnswer; kept: Buffer; truncated: boolean}> {
  const stream = new CompletionStream(limits.maxBody)
  const kept: Buffer[] = []
  let keptSize = 0
  // Events, as readCapped: a throw inside a handler would end the process, so each step is guarded.
  return new Promise((resolve, reject) => {
    const done = (answer: CompletionAnswer, ended: boolean) => {
      hop.finish()
      body.off('data', onData)
      body.off('end', onEnd)
      if (!ended) body.destroy()
      resolve({answer, kept: Buffer.concat(kept, keptSize), truncated: !ended})
    }
    const onData = (chunk: Buffer) => {
      try {
        if (keptSize < limits.maxPayload) {
          const piece = chunk.subarray(0, limits.maxPayload - keptSize)
          kept.push(piece)
          keptSize += piece.length
        }
        const answer = stream.push(chunk)
        if (answer) done(answer, false)
      } catch (err) {
        body.off('data', onData)
        body.destroy()
        reject(err)
      }
    }
    const onEnd = () => {
      try {
        done(stream.end(), true)
      } catch (err) {
        reject(err)
      }
    }
    body.on('data', onData)
    body.once('end', onEnd)
    body.on('error', reject)
  })
}
