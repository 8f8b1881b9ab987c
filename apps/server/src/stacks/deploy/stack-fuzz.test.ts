import { type StackValidation, stackValidationSchema } from '@harbormaster/contract'
import {
  EngineBadRequestError,
  EngineNotFoundError,
  type ImageDetails,
  type Volume,
} from '@harbormaster/engine'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUZZ_SEED, composeText, envText } from '../../../test/compose-arbitraries.ts'
import { startFastApp } from '../../../test/fast-app.ts'
import { scaled } from '../../../../../packages/testkit/src/test-time.ts'
import type { FakeEngine } from '../../../test/fake-engine.ts'

const STACKS = '/api/hosts/local/stacks'

/** Each run must answer within this, whatever the text: a hang is a failure, not a slow test. */
const ANSWER_MS = scaled(5000)

/** What a file of the costly shapes below may take, at the most (each once took a minute). */
const COSTLY_MS = scaled(20_000)

/** Text of `unit(i)` repeated up to the request's limit (512 KiB) for a compose file. */
function largest(head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head]
  let size = head.length + tail.length
  for (let i = 0; size + unit(i).length < 500 * 1024; i++) {
    parts.push(unit(i))
    size += unit(i).length
  }
  return parts.join('') + tail
}

/**
 * Files found by the fuzz (and by reading the reader for what it does per item) that once cost
 * seconds to minutes: the parser's unique-key check compared every key with every earlier one,
 * substitution re-read the rest of a value for each `${` (now at most 256 in one value), and
 * `extends` looked each service up by scanning all of them.
 */
const COSTLY_FILES: [string, string][] = [
  ['a mapping of 40 000 keys', largest('services: {}\n', (i) => `x-${String(i)}: 1\n`)],
  ['a mapping of anchors', largest('services: {}\n', (i) => `x-${String(i)}: &a${String(i)} 1\n`)],
  [
    'a value of 100 000 unclosed templates',
    largest('services:\n  web:\n    image: "', () => '${A:-', '"\n'),
  ],
  [
    'a value of 70 000 templates',
    largest('services:\n  web:\n    image: "', () => '${A:-x}', '"\n'),
  ],
  ['20 000 services', largest('services:\n', (i) => `  s${String(i)}: {image: b}\n`)],
]

/** An envelope as every 4xx is: a known code and a message. */
function expectEnvelope(status: number, body: unknown, what: string) {
  expect(status, `${what} answered ${String(status)}: ${JSON.stringify(body)}`).toBeLessThan(500)
  if (status < 400) return
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error
  expect(typeof error?.code, what).toBe('string')
  expect(typeof error?.message, what).toBe('string')
}

/** Every issue is at a place a user can go to: a file, a line ≥ 1 and a column ≥ 1. */
function expectPlacedIssues(validation: StackValidation) {
  expect(stackValidationSchema.safeParse(validation).success).toBe(true)
  for (const issue of validation.issues) {
    expect(issue.line, JSON.stringify(issue)).toBeGreaterThanOrEqual(1)
    expect(issue.column, JSON.stringify(issue)).toBeGreaterThanOrEqual(1)
    expect(issue.message.length, JSON.stringify(issue)).toBeGreaterThan(0)
    // The path is said once, in `path`: the editor and the 4xx put it before the message.
    if (issue.path.includes('.')) expect(issue.message, issue.path).not.toContain(issue.path)
  }
}

/** Rejects when `work` takes longer than ANSWER_MS. */
async function within<T>(work: Promise<T>, what: string, ms = ANSWER_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what}: no answer within ${String(ms)} ms`))
    }, ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * An engine with nothing on it that has every image and creates networks and volumes, but no
 * container: a deploy of a file that reads gets through the policy, the planner and the
 * container specs, and its first container create fails as an engine would, without a dockerd.
 */
/** Every image the file names is on the host: a whole inspect answer, as the planner reads it. */
function presentImage(name: string): ImageDetails {
  return {
    id: `sha256:${name.length.toString(16).padStart(64, '0')}`,
    repoTags: [name],
    repoDigests: [],
    architecture: 'amd64',
    os: 'linux',
    size: 0,
    config: {
      user: '',
      env: [],
      cmd: [],
      entrypoint: [],
      workingDir: '',
      exposedPorts: [],
      volumes: [],
      labels: {},
      onBuild: [],
    },
    layers: [],
    raw: {},
  }
}

function emptyEngine(fake: FakeEngine) {
  const missing = (what: string) => Promise.reject(new EngineNotFoundError(404, `No such ${what}`))
  fake.implement('containers', 'list', () => Promise.resolve([]))
  fake.implement('networks', 'inspect', () => missing('network'))
  fake.implement('volumes', 'inspect', () => missing('volume'))
  fake.implement('images', 'inspect', (name) => Promise.resolve(presentImage(name)))
  fake.implement('networks', 'create', () => Promise.resolve({ id: 'n'.repeat(64) }))
  fake.implement('volumes', 'create', (spec) => Promise.resolve({ name: spec?.name } as Volume))
  fake.implement('containers', 'create', () =>
    Promise.reject(new EngineBadRequestError(400, 'the fake engine creates no container')),
  )
}

describe('fuzzing the stack routes with compose-ish text (property-based, fast tier)', () => {
  const fast = startFastApp()

  it('validate answers every text with issues at a line, never a 5xx or a hang', async () => {
    const operator = await fast.as('operator')
    await fc.assert(
      fc.asyncProperty(composeText, envText, async (compose, env) => {
        const res = await within(
          operator.post(`${STACKS}/validate`, { name: 'fuzz', compose, env }),
          'validate',
        )
        const body: unknown = await res.json()
        expectEnvelope(res.status, body, 'validate')
        if (res.status === 200) expectPlacedIssues(body as StackValidation)
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    )
  })

  it.each(COSTLY_FILES)('validate reads %s in bounded time', async (_, compose) => {
    const operator = await fast.as('operator')
    const res = await within(
      operator.post(`${STACKS}/validate`, { name: 'costly', compose }),
      'validate',
      COSTLY_MS,
    )
    expect(res.status).toBe(200)
    expectPlacedIssues((await res.json()) as StackValidation)
  })

  it('says each issue’s key path once: in `path`, not again in the message', async () => {
    const operator = await fast.as('operator')
    const issuesOf = async (...lines: string[]) => {
      const compose = ['services:', '  web:', '    image: busybox', ...lines, ''].join('\n')
      const res = await operator.post(`${STACKS}/validate`, { name: 'paths', compose })
      const { issues } = (await res.json()) as StackValidation
      return issues.map(({ line, path, message }) => ({ line, path, message }))
    }

    expect(await issuesOf('    ports: 80', '    pid: host', '    colour: blue')).toEqual([
      { line: 4, path: 'services.web.ports', message: 'must be a list' },
      {
        line: 6,
        path: 'services.web.colour',
        message: 'not a key the Compose Specification allows here',
      },
      { line: 5, path: 'services.web.pid', message: 'not supported by Harbormaster stacks' },
    ])
    expect(await issuesOf('    ulimits: {nofile: {soft: x, hard: 1}}')).toEqual([
      { line: 4, path: 'services.web.ulimits.nofile.soft', message: 'invalid integer: x' },
    ])
    expect(await issuesOf('    stop_grace_period: 10')).toEqual([
      { line: 4, path: 'services.web.stop_grace_period', message: 'must be a string' },
    ])
    // A YAML error is about the file as a whole: no path, so nothing is put before it.
    const res = await operator.post(`${STACKS}/validate`, { name: 'paths', compose: '[' })
    expect(((await res.json()) as StackValidation).issues[0]?.path).toBe('')
  })

  it('create and up answer every text with a 2xx or a 4xx envelope, never a 5xx or a hang', async () => {
    emptyEngine(fast.fake)
    const operator = await fast.as('operator')
    let run = 0
    await fc.assert(
      fc.asyncProperty(composeText, envText, async (compose, env) => {
        const name = `fuzz-${String(run++)}`
        const created = await within(operator.post(STACKS, { name, compose, env }), 'create')
        const body: unknown = await created.json()
        expectEnvelope(created.status, body, 'create')
        if (created.status !== 201) return
        const res = await within(operator.post(`${STACKS}/${name}/up`, {}), 'up')
        if (res.status !== 200) {
          expectEnvelope(res.status, await res.json(), 'up')
          return
        }
        const lines = (await within(res.text(), 'up stream'))
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as { type?: string; error?: { code: string } })
        const last = lines.at(-1)
        // A stream's failure is its last line, in the envelope; never an internal error.
        if (last?.error) expect(last.error.code, JSON.stringify(last)).not.toBe('internal')
        else expect(last?.type).toBe('done')
      }),
      { numRuns: 200, seed: FUZZ_SEED },
    )
  })
})
