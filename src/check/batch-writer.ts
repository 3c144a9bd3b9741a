/**
 * Collects rows as results arrive and writes them in batches, each in one
 * transaction, every maxRows rows or maxDelayMs, whichever comes first. A run
 * killed halfway keeps every batch committed before the kill, and at most
 * maxDelayMs of finished work is ever waiting.
 */
export class BatchWriter<Row> {
  private pending: Row[] = []
  private timer: NodeJS.Timeout | undefined
  private chain: Promise<void> = Promise.resolve()
  private failure: unknown
  written = 0

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly options: {maxRows: number; maxDelayMs: number},
  ) {}

  add(row: Row): void {
    if (this.failure !== undefined) return
    this.pending.push(row)
    if (this.pending.length >= this.options.maxRows) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs)
  }

  /** The first write error, if any: the run stops starting new checks once the database fails. */
  get failed(): boolean {
    return this.failure !== undefined
  }

  private flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const batch = this.pending
    this.pending = []
    // One write at a time: the driver runs one transaction at a time.
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return
      try {
        await this.write(batch)
        this.written += batch.length
      } catch (err) {
        this.failure = err
      }
    })
  }

  /** Writes what is left and rethrows the first write error. */
  async close(): Promise<void> {
    this.flush()
    await this.chain
    if (this.failure !== undefined) throw this.failure
  }
}
