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
  /**
   * The rows that were not written: the batch whose write failed
   * and every row after it (once the database failed, nothing more is tried),
   * for the caller to keep elsewhere.
   */
  readonly kept: Row[] = []

  constructor(
    private readonly write: (rows: Row[]) => Promise<unknown>,
    private readonly options: {maxRows: number; maxDelayMs: number},
  ) {}

  add(row: Row): void {
    if (this.failure !== undefined) {
      this.kept.push(row)
      return
    }
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
      if (this.failure !== undefined) {
        this.kept.push(...batch)
        return
      }
      try {
        await this.write(batch)
        this.written += batch.length
      } catch (err) {
        this.failure = err
        this.kept.push(...batch)
      }
    })
  }

  /** Writes what is left and rethrows the first write error (the rows not written are in `kept`). */
  async close(): Promise<void> {
    this.flush()
    await this.chain
    if (this.failure !== undefined) throw this.failure
  }
}
