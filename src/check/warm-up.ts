import {once} from 'node:events'
import {type AddressInfo, createServer} from 'node:net'
import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

const ANSWER = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}'
/** Requests made: the first compiles undici's HTTP parser (about 30 ms), the next ones get the code around it compiled by V8's optimising tiers: with 3, the first checks of a run still read 2-3x the later ones; with 10, within a millisecond or two. */
const ROUNDS = 10

/**
 * A few requests to a server of our own on 127.0.0.1, before the first
 * check: undici compiles its HTTP parser (WebAssembly) and V8 its code on
 * first use, and without this the first checks of every run would count
 * 20 to 40 ms of that as latency. Best effort: where no loopback port can be
 * opened, the run goes on cold. `probe` checks a URL as the run's checks
 * are made, so that every function on a check's clock has run before.
 */
export async function warmUp(probe: (url: string) => Promise<unknown>): Promise<void> {
  // First: the rounds then run again whatever the collection flushed, and the checks do not start right after it.
  collectGarbage()
  const server = createServer((socket) => {
    socket.on('error', () => {})
    socket.once('data', () => socket.end(ANSWER))
  })
  try {
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    for (let round = 0; round < ROUNDS; round++) await probe(url)
  } catch {
    // A machine that allows no listening socket checks cold.
  } finally {
    server.close()
  }
}

/**
 * A full collection now, while nothing is on the clock: start-up leaves
 * megabytes of garbage (oclif, the loader, the database), and the collection
 * it would cause otherwise lands in the first checks, pausing every check in
 * flight for several milliseconds.
 */
function collectGarbage(): void {
  try {
    // --expose-gc once, then `gc` from a fresh context: the one way to reach it without a command-line flag.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
  } catch {
    // Best effort, as the rest of the warm-up: a Node that refuses the flag checks with its garbage.
  }
}
