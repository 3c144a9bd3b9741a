/** Aligned text columns, shared by every text view. */
import {STATUS_COLOUR, type Paint} from '../terminal.js'
import {STATUS_ORDER, type HealthStatus} from '../status.js'

/** Pads every column but the last to its widest cell; `status` cells are painted after padding. */
export function table(rows: string[][], paint: Paint, statusColumn = -1): string[] {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i]!)
        return i === statusColumn && (STATUS_ORDER as readonly string[]).includes(cell.trim().toLowerCase())
          ? paint(STATUS_COLOUR[cell.trim().toLowerCase() as HealthStatus], padded)
          : padded
      })
      .join('  ')
      .trimEnd(),
  )
}
