/**
 * The tools `mon mcp` offers: each a name, what it is for, a zod input
 * schema whose descriptions a client shows the model, and the answer it
 * reads (answers.ts). All of them only read.
 */
import {z} from 'zod'

import {DURATION_PATTERN} from '../duration.js'
import type {Driver} from '../store/driver.js'
import {alertsAnswer, historyAnswer, inventoryAnswer, MAX_ENTITIES, statusAnswer, whereIsModelAnswer} from './answers.js'

/** The most items a caller may ask one answer for (inventory entities, history snapshots). */
export const MAX_LIMIT = 500
/** An id or a model is at most this long: longer is a mistake, not a name. */
const MAX_NAME = 500

export interface ToolContext {
  driver: Driver
  /** The time each call takes as now (MON_NOW when set). */
  now: () => Date
}

export interface Tool {
  name: string
  description: string
  input: z.ZodRawShape
  answer: (context: ToolContext, args: never) => Promise<unknown>
}

const id = (what: string) => z.string().min(1).max(MAX_NAME).describe(what)

function tool<S extends z.ZodRawShape>(name: string, description: string, input: S, answer: (context: ToolContext, args: z.infer<z.ZodObject<S>>) => Promise<unknown>): Tool {
  return {name, description, input, answer: answer as Tool['answer']}
}

export const TOOLS: readonly Tool[] = [
  tool(
    'inventory',
    `The monitored entities (services, backends, gateways, tools, registries), each with its endpoints (id, kind, url, check interval) and registry entries, by id; at most limit entities (default ${MAX_ENTITIES}), with the total and truncated when there were more.`,
    {
      type: z.string().min(1).max(MAX_NAME).optional().describe('Only entities of this type, e.g. backend or gateway.'),
      owner: z.string().min(1).max(MAX_NAME).optional().describe('Only entities of this owner.'),
      limit: z.number().int().min(1).max(MAX_LIMIT).default(MAX_ENTITIES).describe('At most this many entities.'),
    },
    ({driver}, args) => inventoryAnswer(driver, args),
  ),
  tool(
    'status',
    `The latest state of every endpoint and registry entry, per entity, problems first, with uptime, coverage and p50/p95 latency over the last 24 hours (what mon status --json prints); at most ${MAX_ENTITIES} entities.`,
    {entity_id: id('Only this entity.').optional()},
    ({driver, now}, args) => statusAnswer(driver, args, now()),
  ),
  tool(
    'history',
    'The checks recorded for one entity, endpoint or registry entry, newest first: status, detail, latency, when; without the stored answers.',
    {
      id: id('An entity, endpoint or registry entry id, as inventory lists them.'),
      since: z.string().regex(new RegExp(DURATION_PATTERN), 'a duration such as 30m, 24h or 7d').default('7d').describe('How far back from now: 30m, 24h, 7d.'),
      limit: z.number().int().min(1).max(MAX_LIMIT).default(50).describe('At most this many snapshots.'),
    },
    ({driver, now}, args) => historyAnswer(driver, args, now()),
  ),
  tool(
    'alerts',
    `Open alerts, oldest first, with their notifications and what holds them (maintenance, a dependency); with all, the latest resolved ones too. At most ${MAX_ENTITIES}.`,
    {all: z.boolean().default(false).describe('Resolved alerts too, newest first, after the open ones.')},
    ({driver}, args) => alertsAnswer(driver, args),
  ),
  tool(
    'where_is_model',
    'Which entities should serve a model (a registry declares it), which do (their models endpoint listed it at the latest check), and the health of each: an exact model id, or ids equal to it but for the case of ASCII letters when none is exact.',
    {model: id('A model id, e.g. qwen3-8b.')},
    ({driver}, args) => whereIsModelAnswer(driver, args),
  ),
]
