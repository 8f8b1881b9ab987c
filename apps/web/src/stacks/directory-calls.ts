import type { StackDirectoryWrite } from '@harbormaster/contract'
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { api, apiFetch, apiPath, unwrap } from '../platform/api-client.ts'
import { stackKeys } from './queries.ts'

/** A file chosen or dropped, with where it goes relative to the upload folder. */
export interface Chosen {
  file: File
  /** `webkitRelativePath` when the browser gives one (a folder), else the file's name. */
  relative: string
}

export const chosenFrom = (files: Iterable<File>): Chosen[] =>
  Array.from(files, (file) => {
    // Not every browser (nor jsdom) has it at all.
    const inFolder = file.webkitRelativePath as string | undefined
    return { file, relative: inFolder === undefined || inFolder === '' ? file.name : inFolder }
  })

/** The files of a stack's directory: changed only through these calls (and deploys never). */
export const directoryKey = (hostId: string, name: string) =>
  [...stackKeys.all(hostId), 'directory', name] as const

export const stackDirectoryOptions = (hostId: string, name: string) =>
  queryOptions({
    queryKey: directoryKey(hostId, name),
    queryFn: ({ signal }) =>
      unwrap(
        api.hosts[':hostId'].stacks[':name'].directory.$get(
          { param: { hostId, name } },
          { init: { signal } },
        ),
      ),
  })

/** Where a browser downloads one file of the directory (a plain link: the cookie goes along). */
export function directoryFileUrl(hostId: string, name: string, path: string): string {
  const query = new URLSearchParams({ path }).toString()
  return `${apiPath`/hosts/${hostId}/stacks/${name}/directory/file`}?${query}`
}

/** Uploads one file to `path` (raw body: the typed client sends JSON and forms only). */
export async function uploadDirectoryFile(
  hostId: string,
  name: string,
  path: string,
  file: Blob,
): Promise<StackDirectoryWrite> {
  const res = await apiFetch(directoryFileUrl(hostId, name, path), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file,
  })
  return (await res.json()) as StackDirectoryWrite
}

/**
 * The directory's changes (upload, new folder, move, remove); each refreshes the listing and
 * tells `onChanged` (the editor checks its file again: an `env_file` may now exist).
 */
export function useDirectoryChange<T>(
  hostId: string,
  name: string,
  change: (input: T) => Promise<unknown>,
  onChanged: () => void,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: change,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: directoryKey(hostId, name) })
      onChanged()
    },
  })
}

export const makeFolder = (hostId: string, name: string) => (path: string) =>
  unwrap(
    api.hosts[':hostId'].stacks[':name'].directory.folders.$post({
      param: { hostId, name },
      json: { path },
    }),
  )

export const removeEntry = (hostId: string, name: string) => (path: string) =>
  unwrap(
    api.hosts[':hostId'].stacks[':name'].directory.$delete({
      param: { hostId, name },
      query: { path },
    }),
  )

export const moveEntry = (hostId: string, name: string) => (move: { from: string; to: string }) =>
  unwrap(
    api.hosts[':hostId'].stacks[':name'].directory.move.$post({
      param: { hostId, name },
      json: move,
    }),
  )
