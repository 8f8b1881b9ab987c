import { queryOptions } from '@tanstack/react-query'
import { api, apiFetch, apiPath, unwrap } from '../platform/api-client.ts'
import { applyProgressLine, emptyPull, readNdjson, type PullState } from './pull-progress.ts'

export const imageKeys = { all: (hostId: string) => ['hosts', hostId, 'images'] as const }

export const imageListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...imageKeys.all(hostId), 'list'],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].images.$get({ param: { hostId }, query: {} }, { init: { signal } }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const imageHistoryOptions = (hostId: string, ref: string) =>
  queryOptions({
    queryKey: [...imageKeys.all(hostId), 'history', ref],
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].images[':ref'].history.$get(
          { param: { hostId, ref } },
          { init: { signal } },
        ),
      ),
  })

export const removeImage = (hostId: string, ref: string, force: boolean) =>
  unwrap(
    api.hosts[':hostId'].images[':ref'].$delete({
      param: { hostId, ref },
      query: { force: String(force) },
    }),
  )

export const pruneImages = (hostId: string, all: boolean) =>
  unwrap(
    api.hosts[':hostId'].images.prune.$post({ param: { hostId }, query: { all: String(all) } }),
  )

/** Pulls an image, reporting per-layer progress as the NDJSON answer streams in. */
export async function pullImage(
  hostId: string,
  image: string,
  onProgress: (state: PullState) => void,
  signal: AbortSignal,
): Promise<PullState> {
  const res = await apiFetch(apiPath`/hosts/${hostId}/images/pull`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ image }),
    signal,
  })
  let state = emptyPull
  if (!res.body) return state
  await readNdjson(res.body, (line) => {
    state = applyProgressLine(state, line)
    onProgress(state)
  })
  return state
}
