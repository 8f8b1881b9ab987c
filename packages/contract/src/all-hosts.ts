import { z } from 'zod'
import { roleSchema } from './auth.ts'
import { containerSummarySchema } from './containers.ts'

/** A container row of the list across hosts: the per-host row, with the host it lives on. */
export const hostedContainerSchema = containerSummarySchema.extend({
  hostId: z.string(),
  hostName: z.string(),
})
export type HostedContainer = z.infer<typeof hostedContainerSchema>

/**
 * One host of the list across hosts, as the caller sees it: `listed` when its rows are in the
 * answer, `unavailable` (with why) when its container model is not in sync (engine unreachable
 * or reconnecting), so one host down never fails the whole list.
 */
export const hostListingSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  state: z.enum(['listed', 'unavailable']),
  error: z.string().optional(),
})
export type HostListing = z.infer<typeof hostListingSchema>

export const allHostsContainersSchema = z.object({
  containers: z.array(hostedContainerSchema),
  hosts: z.array(hostListingSchema),
})
export type AllHostsContainers = z.infer<typeof allHostsContainersSchema>

export const allHostsContainersQuerySchema = z
  .object({ all: z.stringbool().default(true) })
  .strict()

export const SEARCH_KINDS = ['container', 'image', 'volume', 'network', 'stack'] as const
export const searchKindSchema = z.enum(SEARCH_KINDS)
export type SearchKind = z.infer<typeof searchKindSchema>

/** At most this many hits come back, best first. */
export const SEARCH_LIMIT_MAX = 50

export const searchQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'expected at least one character').max(200),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
  })
  .strict()

/**
 * One object found by name. `ref` is what the web puts in the object's page address on its
 * host (a container's or network's id, an image's id, a volume's or stack's name).
 */
export const searchHitSchema = z.object({
  kind: searchKindSchema,
  hostId: z.string(),
  hostName: z.string(),
  name: z.string(),
  ref: z.string(),
  /** A short second line: a container's image and state, an image's size... */
  detail: z.string(),
})
export type SearchHit = z.infer<typeof searchHitSchema>

export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
  /** More matched than `limit`. */
  truncated: z.boolean(),
  /** Hosts whose objects could not be searched (not in sync), with why. */
  unavailable: z.array(z.object({ hostId: z.string(), hostName: z.string(), error: z.string() })),
})
export type SearchResult = z.infer<typeof searchResultSchema>
