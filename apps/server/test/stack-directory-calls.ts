import { statSync } from 'node:fs'
import { join } from 'node:path'
import { buffer } from 'node:stream/consumers'
import type { StackDirectoryListing } from '@harbormaster/contract'
import { type Header as TarHeader, pack } from 'tar-stream'
import { expect } from 'vitest'
import type { ApiClient } from './api-client.ts'
import type { FastApp } from './fast-app.ts'

export const STACKS = '/api/hosts/local/stacks'
export const COMPOSE = 'services:\n  app:\n    image: busybox\n'

/** Calls on stacks' directories for the fast tier's tests (stacks/stack-directory*.test.ts). */
export function directoryCalls(fast: FastApp, prefix: string) {
  let count = 0
  return {
    /** A stored stack (by an operator unless `as` says who), and its directory on disk. */
    createStack: async (as?: ApiClient, compose = COMPOSE) => {
      const name = `${prefix}-${String(++count)}`
      const creator = as ?? (await fast.as('operator'))
      const res = await creator.post(STACKS, { name, compose, env: 'A=1\n' })
      expect(res.status, await res.clone().text()).toBe(201)
      return { name, dir: join(fast.services.config.dataDir, 'stacks', 'local', name) }
    },
  }
}

/** A PUT of raw bytes to `/directory/<route>` (`file?path=…` or `archive`). */
export const put = (client: ApiClient, name: string, route: string, body: Uint8Array | string) =>
  client.request('PUT', `${STACKS}/${name}/directory/${route}`, {
    raw: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'Content-Type': 'application/octet-stream' },
  })

export async function listing(client: ApiClient, name: string) {
  const res = await client.get(`${STACKS}/${name}/directory`)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json()) as StackDirectoryListing
}

export interface TarEntry extends Partial<Omit<TarHeader, 'name'>> {
  name: string
  content?: string
}

export async function tarOf(entries: TarEntry[]): Promise<Buffer> {
  const archive = pack()
  for (const { content, ...header } of entries) {
    if (content === undefined) archive.entry(header)
    else archive.entry(header, content)
  }
  archive.finalize()
  return buffer(archive)
}

export const mode = (path: string) => statSync(path).mode & 0o777
