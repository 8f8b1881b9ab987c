import { docker } from '@harbormaster/testkit'
import { expect } from 'vitest'
import type { ApiClient } from './api-client.ts'
import { type StackLineBody, stackLines } from './cli-project.ts'
import type { Harness } from './harness.ts'

export const STACKS = '/api/hosts/local/stacks'

/** A main process that ends at once on SIGTERM, so stops and recreates take no grace period. */
export const QUICK_STOP = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`

/** Stores a stack (version 1) as `client`; the compose text is used as given. */
export async function storeStack(client: ApiClient, name: string, compose: string, env = '') {
  const res = await client.post(STACKS, { name, compose, env })
  expect(res.status, await res.clone().text()).toBe(201)
}

/** Saves the next version over `baseVersion`. */
export async function saveStack(
  client: ApiClient,
  name: string,
  compose: string,
  baseVersion: number,
) {
  const res = await client.request('PUT', `${STACKS}/${name}`, { body: { compose, baseVersion } })
  expect(res.status, await res.clone().text()).toBe(200)
}

/** `POST /:name/up` and its lines; the last must be `done` unless `failing`. */
export async function up(
  client: ApiClient,
  name: string,
  body: Record<string, unknown> = {},
): Promise<StackLineBody[]> {
  return stackLines(await client.post(`${STACKS}/${name}/up`, body))
}

export const doneOf = (lines: StackLineBody[]) => lines.find((line) => line.type === 'done')

/** `docker inspect --format` of one object, trimmed. */
export async function inspect(h: Harness, name: string, format: string, kind = 'container') {
  const args = kind === 'container' ? ['inspect'] : [kind, 'inspect']
  return (await docker(h.dockerHost, [...args, '--format', format, name])).stdout.trim()
}

/** The names of the objects of a kind carrying the compose project label. */
export async function projectObjects(
  h: Harness,
  kind: 'container' | 'network' | 'volume',
  project: string,
) {
  const filter = ['--filter', `label=com.docker.compose.project=${project}`]
  const args =
    kind === 'container'
      ? ['ps', '-a', ...filter, '--format', '{{.Names}}']
      : [kind, 'ls', ...filter, '--format', '{{.Name}}']
  const { stdout } = await docker(h.dockerHost, args)
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .sort()
}

/** The harness's labels as a YAML flow mapping (JSON is YAML). */
export const labelsYaml = (h: Harness) => JSON.stringify(h.labels)

/**
 * An operation (`up` by default) read as it streams: `until` reads up to a marker, `rest` to
 * the end (its lines), and `leave` is the client going away.
 */
export async function startUp(
  h: Harness,
  client: ApiClient,
  name: string,
  operation = 'up',
  body: Record<string, unknown> = {},
) {
  const controller = new AbortController()
  const res = await fetch(`${h.url}${STACKS}/${name}/${operation}`, {
    method: 'POST',
    signal: controller.signal,
    headers: {
      Origin: client.origin,
      Cookie: client.cookie ?? '',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  })
  const reader = (res.body as ReadableStream<Uint8Array> | null)?.getReader()
  const decoder = new TextDecoder()
  let text = ''
  return {
    status: res.status,
    async until(marker: string) {
      while (reader && !text.includes(marker)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`the stream ended before ${marker}: ${text}`)
        text += decoder.decode(value, { stream: true })
      }
    },
    async rest(): Promise<StackLineBody[]> {
      for (;;) {
        const { value, done } = (await reader?.read()) ?? { done: true, value: undefined }
        if (done) break
        text += decoder.decode(value, { stream: true })
      }
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as StackLineBody)
    },
    leave() {
      controller.abort()
    },
  }
}
