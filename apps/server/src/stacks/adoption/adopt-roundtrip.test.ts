import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DEFAULT_SECRET_ENV_PATTERNS,
  type StackAdoption,
  type StackSummary,
} from '@harbormaster/contract'
import { createEngine } from '@harbormaster/engine'
import { afterAll, describe, expect, it } from 'vitest'
import { stackLines, stateOf } from '../../../test/cli-project.ts'
import { sampleComposeV1File, upComposeV1Project } from '../../../test/compose-v1-project.ts'
import { type Harness, startHarness } from '../../../test/harness.ts'
import { matchesKeyPattern } from '../../policy/index.ts'
import { generateCompose } from './generate/generate-compose.ts'
import { readProjectSnapshot } from './read-project.ts'

/*
 * The round trip of issue 17: a project made by docker-compose, adopted with a file generated
 * from its containers, then deployed by `POST /:name/up` (the planner), makes the same containers
 * again. The sample project binds a host path and sets a sysctl, settings only an admin may
 * deploy (an operator's up of it is refused: stack-policy.test.ts), so an admin adopts it here.
 */

const stacks = '/api/hosts/local/stacks'
const root = mkdtempSync(join(tmpdir(), 'hm-roundtrip-'))
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

/** The file the project's containers describe now, as the adoption would generate it. */
async function describeContainers(h: Harness, project: string) {
  const engine = createEngine({ host: h.dockerHost })
  const containers = await engine.containers.list({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`] },
  })
  const snapshot = await readProjectSnapshot(
    engine,
    project,
    containers,
    AbortSignal.timeout(30_000),
  )
  return generateCompose(snapshot, {
    isSecret: (key) => DEFAULT_SECRET_ENV_PATTERNS.some((p) => matchesKeyPattern(p, key)),
  })
}

async function summaryOf(h: Harness, name: string): Promise<StackSummary | undefined> {
  const res = await (await h.as('viewer')).get(stacks)
  return ((await res.json()) as StackSummary[]).find((stack) => stack.name === name)
}

describe('adopting a docker-compose project and deploying it again', () => {
  const h = startHarness()

  it('makes the same containers again from the generated file', async () => {
    const project = await upComposeV1Project(h, root, sampleComposeV1File(h), {
      'conf/app.conf': 'x=1\n',
    })
    const admin = await h.as('admin')
    await expect.poll(async () => (await summaryOf(h, project.name))?.total).toBe(3)
    const before = await describeContainers(h, project.name)
    const adoption = (await (
      await admin.get(`${stacks}/${project.name}/adoption`)
    ).json()) as StackAdoption
    expect(adoption.source).toBe('generated')
    const adopted = await admin.post(`${stacks}/${project.name}/adopt`, {
      compose: adoption.compose,
      env: adoption.env,
    })
    expect(adopted.status, await adopted.clone().text()).toBe(201)

    const lines = await stackLines(await admin.post(`${stacks}/${project.name}/up`, {}))

    expect(lines.at(-1)).toMatchObject({ type: 'done' })
    await expect.poll(async () => (await summaryOf(h, project.name))?.running).toBe(3)
    const after = await describeContainers(h, project.name)
    expect(after.document).toEqual(before.document)
    expect(after.env).toBe(before.env)
    expect(after.notes).toEqual(before.notes)
    expect(await stateOf(h, `${project.name}-web-1`)).toBe('running')
  })
})
