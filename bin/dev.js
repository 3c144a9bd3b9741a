#!/usr/bin/env -S node --import tsx
import v8 from 'node:v8'

import {execute} from '@oclif/core'

// As in bin/run.js: process-wide, set where the process starts (bench/check.md).
v8.setFlagsFromString('--heap-growing-percent=50')

await execute({development: true, dir: import.meta.url})
