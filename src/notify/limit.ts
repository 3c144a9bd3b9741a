/** At most n of the functions it runs are running at once: one cap for every delivery of a pass. */
export type Limiter = <T>(fn: () => Promise<T>) => Promise<T>

export function limiter(n: number): Limiter {
  let running = 0
  const waiting: Array<() => void> = []
  return async (fn) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await fn()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
