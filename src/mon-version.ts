/** mon's own version, from its package.json: what it says to the servers and receivers it talks to. */
import {createRequire} from 'node:module'

export const MON_VERSION: string = (createRequire(import.meta.url)('../package.json') as {version: string}).version
