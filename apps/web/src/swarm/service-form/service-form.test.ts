import { type ServiceCreateInput, serviceCreateSchema } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { emptyServiceForm, formFromSettings, type ServiceForm } from './form-state.ts'
import { parseBytes, parseGoDuration } from './form-units.ts'
import { serviceChanges } from './service-changes.ts'
import { toServiceSettings } from './to-settings.ts'

const filled: ServiceForm = {
  ...emptyServiceForm,
  name: 'web',
  image: 'nginx:1.27',
  command: 'sh -c',
  args: `'echo hi; sleep 1d'`,
  env: 'A=1\n# comment\nB=two words\n',
  labels: 'team=a',
  containerLabels: 'role=front',
  ports: [{ target: '80', published: '8080', protocol: 'tcp', mode: 'host' }],
  mounts: [
    { type: 'volume', source: 'data', target: '/data', readOnly: true },
    { type: 'tmpfs', source: 'ignored', target: '/scratch', readOnly: false },
  ],
  networks: 'back\nfront',
  replicas: '3',
  constraints: 'node.labels.zone==a',
  spread: 'node.labels.rack',
  limitCpus: '0.5',
  limitMemory: '64m',
  reserveMemory: '16MiB',
  restart: { condition: 'on-failure', delay: '2s', maxAttempts: '3', window: '1m30s' },
  update: { ...emptyServiceForm.update, parallelism: '1', failureAction: 'rollback' },
  secrets: [{ name: 'db-pass', target: 'db', uid: '', gid: '', mode: '0400' }],
}

describe('toServiceSettings', () => {
  it('builds the contract settings from what the user typed', () => {
    expect(toServiceSettings(filled)).toEqual({
      errors: {},
      settings: {
        name: 'web',
        image: 'nginx:1.27',
        command: ['sh', '-c'],
        args: ['echo hi; sleep 1d'],
        env: ['A=1', 'B=two words'],
        labels: { team: 'a' },
        containerLabels: { role: 'front' },
        ports: [{ targetPort: 80, publishedPort: 8080, protocol: 'tcp', mode: 'host' }],
        mounts: [
          { type: 'volume', source: 'data', target: '/data', readOnly: true },
          { type: 'tmpfs', target: '/scratch' },
        ],
        networks: [{ name: 'back' }, { name: 'front' }],
        mode: { replicated: 3 },
        placement: { constraints: ['node.labels.zone==a'], spread: ['node.labels.rack'] },
        resources: {
          limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 ** 2 },
          reservations: { memoryBytes: 16 * 1024 ** 2 },
        },
        restartPolicy: { condition: 'on-failure', delayNs: 2e9, maxAttempts: 3, windowNs: 90e9 },
        updateConfig: { parallelism: 1, failureAction: 'rollback' },
        secrets: [{ name: 'db-pass', target: 'db', mode: 0o400 }],
      },
    })
  })

  it('names the field of each problem, in the browser before any request', () => {
    const { settings, errors } = toServiceSettings({
      ...filled,
      name: 'bad name',
      replicas: 'two',
      limitMemory: 'lots',
      restart: { ...filled.restart, delay: '5 seconds' },
      secrets: [{ name: 'x', target: '', uid: '', gid: '', mode: '999' }],
    })
    expect(settings).toBeUndefined()
    expect(errors).toEqual({
      name: expect.stringContaining('expected a name') as string,
      replicas: '"two": expected a whole number',
      limitMemory: '"lots": expected a size like 512m or 2g',
      restart: '"5 seconds": expected a duration like 10s or 1m30s',
      secrets: 'mode "999": expected octal like 0400',
    })
  })

  it('says global mode and leaves out empty sections', () => {
    const { settings } = toServiceSettings({
      ...emptyServiceForm,
      name: 'a',
      image: 'x',
      mode: 'global',
    })
    expect(settings).toEqual({ name: 'a', image: 'x', mode: { global: true } })
  })
})

const current: ServiceCreateInput = serviceCreateSchema.parse({
  name: 'web',
  image: 'nginx:1.27',
  env: ['A=1', 'DB_PASSWORD=[masked]'],
  labels: { team: 'a' },
  mode: { replicated: 2 },
  placement: { constraints: ['node.role==worker'] },
  mounts: [{ type: 'tmpfs', target: '/scratch', tmpfsSizeBytes: 1024 * 1024 }],
  networks: [{ name: 'back', aliases: ['api'] }],
  resources: { limits: { pids: 100, memoryBytes: 64 * 1024 ** 2 } },
  updateConfig: { parallelism: 1, delayNs: 10e9, monitorNs: 5e9, order: 'start-first' },
  secrets: [{ name: 's', target: 's', uid: '0', gid: '0', mode: 0o444 }],
  healthcheck: { test: ['CMD-SHELL', 'true'] },
  capDrop: ['NET_RAW'],
})

describe('serviceChanges', () => {
  const edited = (change: (form: ServiceForm) => ServiceForm) => {
    const { settings } = toServiceSettings(change(formFromSettings(current)), current)
    if (!settings) throw new Error('the edited form did not validate')
    return settings
  }

  it('sends nothing for a form left as it was filled', () => {
    expect(
      serviceChanges(
        current,
        edited((f) => f),
        { envEdited: false },
      ),
    ).toEqual({})
  })

  it('sends only the settings the user changed, each whole', () => {
    const after = edited((f) => ({ ...f, image: 'nginx:1.28', replicas: '4' }))
    expect(serviceChanges(current, after, { envEdited: false })).toEqual({
      image: 'nginx:1.28',
      mode: { replicated: 4 },
    })
  })

  it('clears a setting the user emptied by sending it empty', () => {
    const after = edited((f) => ({ ...f, constraints: '', labels: '' }))
    expect(serviceChanges(current, after, { envEdited: false })).toEqual({
      placement: {},
      labels: {},
    })
  })

  it('does not send the masked environment unless the user edited it', () => {
    const after = edited((f) => ({ ...f, env: 'A=2\nDB_PASSWORD=[masked]' }))
    expect(serviceChanges(current, after, { envEdited: false })).toEqual({})
    expect(serviceChanges(current, after, { envEdited: true })).toEqual({
      env: ['A=2', 'DB_PASSWORD=[masked]'],
    })
  })
})

describe('form units', () => {
  it('reads Go durations and sizes as the CLI does', () => {
    expect(['1m30s', '500ms', '0', '1.5h', 'soon'].map(parseGoDuration)).toEqual([
      90e9,
      500e6,
      0,
      5400e9,
      undefined,
    ])
    expect(['512m', '64MiB', '2g', '100', 'big'].map(parseBytes)).toEqual([
      512 * 1024 ** 2,
      64 * 1024 ** 2,
      2 * 1024 ** 3,
      100,
      undefined,
    ])
  })
})
