import type {Driver} from '../../src/store/driver.js'

/** Takes the write lock on driver in an open transaction and holds it until release() is called. */
export async function holdWriteLock(driver: Driver): Promise<{release: () => Promise<void>}> {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let entered!: () => void
  const inside = new Promise<void>((resolve) => (entered = resolve))
  const holding = driver.transaction(
    async () => {
      entered()
      await held
    },
    {lockTimeoutMs: 5000},
  )
  await inside
  return {
    release: async () => {
      release()
      await holding
    },
  }
}
