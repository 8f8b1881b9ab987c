import type { ImageSummary, ImageTagInput } from '@harbormaster/contract'
import { queryOptions } from '@tanstack/react-query'
import { api, apiFetch, apiPath, unwrap } from '../platform/api-client.ts'
import { applyBuildLine, emptyBuildOutput, type BuildOutput } from './build-output.ts'
import { archiveType, type BuildRequest } from './build-request.ts'
import { readNdjson } from '../platform/ndjson.ts'
import { applyProgressLine, emptyPull, type PullState } from './pull-progress.ts'

export const imageKeys = { all: (hostId: string) => ['hosts', hostId, 'images'] as const }

/** The image list and when the server last asked the engine for it (it shares that answer). */
export interface ImageList {
  images: ImageSummary[]
  /** ISO time of the engine's answer, from `X-Measured-At`; absent if the server sent none. */
  measuredAt?: string
}

export const imageListOptions = (hostId: string) =>
  queryOptions({
    queryKey: [...imageKeys.all(hostId), 'list'],
    queryFn: async ({ signal }): Promise<ImageList> => {
      const sent = api.hosts[':hostId'].images.$get(
        { param: { hostId }, query: {} },
        { init: { signal } },
      )
      const images = await unwrap(sent)
      const measuredAt = (await sent).headers.get('X-Measured-At')
      return measuredAt === null ? { images } : { images, measuredAt }
    },
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

/**
 * POSTs to a route that answers with NDJSON progress (pull, build, import) and folds each line
 * into the state the dialog shows, reporting it as it changes. An error before the stream starts
 * is thrown (ApiRequestError); one inside it is the last line, folded like the rest.
 */
async function streamProgress<S>(
  path: string,
  init: RequestInit,
  fold: (state: S, line: unknown) => S,
  initial: S,
  onProgress: (state: S) => void,
): Promise<S> {
  const res = await apiFetch(path, { method: 'POST', ...init })
  let state = initial
  if (!res.body) return state
  await readNdjson(res.body, (line) => {
    state = fold(state, line)
    onProgress(state)
  })
  return state
}

/** Pulls an image, reporting per-layer progress as the NDJSON answer streams in. */
export const pullImage = (
  hostId: string,
  image: string,
  onProgress: (state: PullState) => void,
  signal: AbortSignal,
): Promise<PullState> =>
  streamProgress(
    apiPath`/hosts/${hostId}/images/pull`,
    { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ image }), signal },
    applyProgressLine,
    emptyPull,
    onProgress,
  )

/** Builds an image, streaming the engine's output. */
export const buildImage = (
  hostId: string,
  request: BuildRequest<File>,
  onProgress: (state: BuildOutput) => void,
  signal: AbortSignal,
): Promise<BuildOutput> =>
  streamProgress(
    `${apiPath`/hosts/${hostId}/images/build`}${request.query ? `?${request.query}` : ''}`,
    { headers: { 'Content-Type': request.contentType }, body: request.body, signal },
    applyBuildLine,
    emptyBuildOutput,
    onProgress,
  )

/** Imports a root filesystem tarball as an image (`docker import`), streaming the progress. */
export const importImage = (
  hostId: string,
  tarball: File,
  name: { repo?: string; tag?: string },
  onProgress: (state: BuildOutput) => void,
  signal: AbortSignal,
): Promise<BuildOutput> => {
  const query = new URLSearchParams(name).toString()
  return streamProgress(
    `${apiPath`/hosts/${hostId}/images/import`}${query ? `?${query}` : ''}`,
    { headers: { 'Content-Type': archiveType(tarball.name) }, body: tarball, signal },
    applyBuildLine,
    emptyBuildOutput,
    onProgress,
  )
}

export const tagImage = (hostId: string, ref: string, input: ImageTagInput) =>
  unwrap(api.hosts[':hostId'].images[':ref'].tag.$post({ param: { hostId, ref }, json: input }))
