import path from 'node:path'

import {checkSelection} from '../../src/check/execute.js'
import type {CheckReport} from '../../src/check/report.js'
import type {Selection} from '../../src/check/select.js'
import {openDriver} from '../../src/store/open.js'
import {spoolPlace} from '../../src/store/spool.js'

/**
 * One mon check run in this process on its own connection: the command's
 * work with its default limits (16 KiB kept, 1 MiB read), without oclif's
 * start-up. `dir` holds the spool and is the registry base directory.
 */
export async function checkInProcess(db: string, dir: string, selection: Selection = {}): Promise<CheckReport> {
  const driver = await openDriver(db)
  try {
    const {report} = await checkSelection(driver, selection, {
      concurrency: 8,
      maxPayload: 16_384,
      maxBody: 1_048_576,
      baseDir: dir,
      allowOutsideBase: false,
      progress: false,
      lockTimeoutMs: 30_000,
      spool: spoolPlace(db, path.join(dir, 'spool')),
      note: () => {},
      now: new Date(),
      notify: true,
    })
    return report
  } finally {
    await driver.close()
  }
}
