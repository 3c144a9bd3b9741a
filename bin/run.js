#!/usr/bin/env node
import v8 from 'node:v8'

import {execute} from '@oclif/core'

// Process-wide, so set where the process starts, not in library code. A check run
// allocates fast and keeps little (about 20 MB live over 10,000 checks), and V8's
// default lets the heap grow up to 4x per full GC while they are cheap: 100 MB of
// garbage and a 220 MB peak RSS. A fixed 1.5x keeps the peak near the live set
// (bench/check.md). Read at each GC; commands that allocate little never notice it.
v8.setFlagsFromString('--heap-growing-percent=50')

await execute({dir: import.meta.url})
