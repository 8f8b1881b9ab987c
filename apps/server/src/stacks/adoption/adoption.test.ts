import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AuditEntry, StackAdoption, StackSummary } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { afterAll, describe, expect, it } from 'vitest'
import { makeCliProject } from '../../../test/cli-project.ts'
import { type Harness, expectApiError, startHarness } from '../../../test/harness.ts'

const stacks = '/api/hosts/local/stacks'
const importRoot = mkdtempSync(join(tmpdir(), 'hm-adopt-import-'))
afterAll(() => {
  rmSync(importRoot, { recursive: true, force: true })
})

const labelArgs = (labels: Record<string, string>) =>
  Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

/** One container of a compose project, labelled as the compose CLI labels it, plus `labels`. */
async function runServiceContainer(
  h: Harness,
  project: string,
  service: string,
  labels: Record<string, string>,
  env: string[] = [],
) {
  await docker(h.dockerHost, [
    'run',
    '-d',
    '--name',
    `${project}-${service}-1`,
    ...labelArgs({
      ...h.labels,
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.oneoff': 'False',
      ...labels,
    }),
    ...env.flatMap((entry) => ['-e', entry]),
    h.fixtureImage,
    'sleep',
    '300',
  ])
}

async function auditOf(h: Harness, action: string): Promise<AuditEntry[]> {
  const res = await (await h.as('admin')).get(`/api/audit?action=${action}`)
  return ((await res.json()) as { entries: AuditEntry[] }).entries
}

describe('who may read an adoption and adopt a project', () => {
  const h = startHarness()

  it('answers 404 for a name nobody uses, 409 for a managed stack, 403 to a viewer', async () => {
    const project = await makeCliProject(h, [{ name: 'app' }])
    const operator = await h.as('operator')
    const managed = h.uniqueName('managed')
    const created = await operator.post(stacks, { name: managed, compose: 'services: {}\n' })
    expect(created.status).toBe(201)

    await expectApiError(
      await operator.get(`${stacks}/${h.uniqueName('no')}/adoption`),
      404,
      'not_found',
    )
    await expectApiError(await operator.get(`${stacks}/${managed}/adoption`), 409, 'conflict')
    await expectApiError(
      await operator.post(`${stacks}/${managed}/adopt`, { compose: 'services: {}\n' }),
      409,
      'conflict',
    )
    const viewer = await h.as('viewer')
    await expectApiError(await viewer.get(`${stacks}/${project.name}/adoption`), 403, 'forbidden')
    await expectApiError(
      await viewer.post(`${stacks}/${project.name}/adopt`, { compose: 'services: {}\n' }),
      403,
      'forbidden',
    )
  })

  it('adopts once, audited with the name; a second adopt is a 409', async () => {
    const project = await makeCliProject(h, [{ name: 'app' }])
    const operator = await h.as('operator')
    const body = { compose: 'services:\n  app:\n    image: x\n', env: 'A=1\n' }

    const first = await operator.post(`${stacks}/${project.name}/adopt`, body)
    expect(first.status, await first.clone().text()).toBe(201)
    await expectApiError(
      await operator.post(`${stacks}/${project.name}/adopt`, body),
      409,
      'conflict',
    )

    await expect
      .poll(() => auditOf(h, 'stack.adopt'))
      .toContainEqual(
        expect.objectContaining({ target: project.name, status: 201, parameters: { version: 1 } }),
      )
  })

  it('refuses a mask for a variable the adoption did not find (400), storing nothing', async () => {
    const project = await makeCliProject(h, [{ name: 'app' }])
    const operator = await h.as('operator')

    const res = await operator.post(`${stacks}/${project.name}/adopt`, {
      compose: 'services: {}\n',
      env: 'NOT_THERE=[masked]\n',
    })

    await expectApiError(res, 400, 'invalid_request', /NOT_THERE/)
    const listed = (await (await operator.get(stacks)).json()) as StackSummary[]
    expect(listed.find((stack) => stack.name === project.name)?.origin).toBe('cli')
  })

  it('keeps a label-scoped operator to projects wholly in their scope, and scopes the stack', async () => {
    const team = `team=${h.uniqueName('t')}`
    const [key = '', value = ''] = team.split('=')
    const ours = await makeCliProject(h, [{ name: 'app' }], { ...h.labels, [key]: value })
    const theirs = await makeCliProject(h, [{ name: 'app' }])
    const mixed = await makeCliProject(h, [{ name: 'app' }], { ...h.labels, [key]: value })
    await runServiceContainer(h, mixed.name, 'other', {})
    const scoped = await h.operatorScopedTo(team)

    await expectApiError(await scoped.get(`${stacks}/${theirs.name}/adoption`), 404, 'not_found')
    await expectApiError(await scoped.get(`${stacks}/${mixed.name}/adoption`), 403, 'forbidden')
    const adoption = (await (
      await scoped.get(`${stacks}/${ours.name}/adoption`)
    ).json()) as StackAdoption
    const adopted = await scoped.post(`${stacks}/${ours.name}/adopt`, {
      compose: adoption.compose,
      env: adoption.env,
    })

    expect(adopted.status, await adopted.clone().text()).toBe(201)
    const listed = (await (await scoped.get(stacks)).json()) as StackSummary[]
    expect(listed.find((stack) => stack.name === ours.name)).toMatchObject({ origin: 'managed' })
    // Stored with the scope: another operator scoped elsewhere does not see it.
    const other = await h.operatorScopedTo(`team=${h.uniqueName('t')}`)
    await expectApiError(await other.get(`${stacks}/${ours.name}/files`), 404, 'not_found')
    expect(adoption.compose).toContain(`${key}: ${value}`)
  })
})

describe('recovering a project’s files: only allowed ones, and only its own', () => {
  const h = startHarness({ env: { HARBORMASTER_STACK_IMPORT_DIRS: importRoot } })

  async function adoptionOf(name: string): Promise<StackAdoption> {
    const res = await (await h.as('operator')).get(`${stacks}/${name}/adoption`)
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as StackAdoption
  }

  it('does not read a file outside the allowed directories, whatever the label says', async () => {
    const project = h.uniqueName('outside')
    await runServiceContainer(h, project, 'app', {
      'com.docker.compose.project.config_files': '/etc/passwd',
      'com.docker.compose.project.working_dir': '/etc',
    })

    const adoption = await adoptionOf(project)

    expect(adoption.source).toBe('generated')
    expect(adoption.compose).not.toContain('root:')
    expect(adoption.notes).toContain(
      '/etc/passwd was not read: not in a directory allowed for import',
    )
  })

  it('does not hand out an allowed file that describes other services', async () => {
    const project = h.uniqueName('other')
    const dir = join(importRoot, project)
    mkdirSync(dir)
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n')
    writeFileSync(join(dir, '.env'), 'DB_PASSWORD=not-yours\n')
    await runServiceContainer(h, project, 'app', {
      'com.docker.compose.project.config_files': join(dir, 'compose.yaml'),
      'com.docker.compose.project.working_dir': dir,
    })

    const adoption = await adoptionOf(project)

    expect(adoption).toMatchObject({ source: 'generated', env: '' })
    expect(adoption.compose).not.toContain('postgres')
    expect(adoption.notes).toContain(
      `${join(dir, 'compose.yaml')} does not describe the project: no service app`,
    )
  })

  it('recovers its own file, with the .env the label names', async () => {
    const project = h.uniqueName('own')
    const dir = join(importRoot, project)
    mkdirSync(dir)
    const compose = 'services:\n  app:\n    image: busybox\n    environment:\n      A: ${A}\n'
    writeFileSync(join(dir, 'compose.yaml'), compose)
    writeFileSync(join(dir, 'app.env'), 'A=1\nAPI_TOKEN=t\n')
    await runServiceContainer(h, project, 'app', {
      'com.docker.compose.project.config_files': 'compose.yaml',
      'com.docker.compose.project.working_dir': dir,
      'com.docker.compose.project.environment_file': join(dir, 'app.env'),
    })

    expect(await adoptionOf(project)).toEqual({
      source: 'recovered',
      compose,
      env: 'A=1\nAPI_TOKEN=[masked]\n',
      maskedEnv: ['API_TOKEN'],
      notes: [],
    })
  })

  it('leaves the .env empty when the label names one outside the allowed directories', async () => {
    const project = h.uniqueName('envout')
    const dir = join(importRoot, project)
    mkdirSync(dir)
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: busybox\n')
    await runServiceContainer(h, project, 'app', {
      'com.docker.compose.project.config_files': join(dir, 'compose.yaml'),
      'com.docker.compose.project.working_dir': dir,
      'com.docker.compose.project.environment_file': '/etc/hostname',
    })

    expect(await adoptionOf(project)).toMatchObject({ source: 'recovered', env: '' })
  })
})
