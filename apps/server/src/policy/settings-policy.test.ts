import type { ContainerCreateInput } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { hostPathRefusal } from './host-paths.ts'
import {
  isHostPathVolume,
  refusedContainerSettings,
  refusedExecSettings,
} from './settings-policy.ts'

const rules = { allowedBindPrefixes: ['/srv/data', '/srv/app:rw'] }
const refused = (spec: Partial<ContainerCreateInput>) =>
  refusedContainerSettings({ image: 'busybox', ...spec }, rules)

describe('what a non-admin may not create', () => {
  it.each<[Partial<ContainerCreateInput>, string]>([
    [{ privileged: true }, 'privileged'],
    [{ networkMode: 'host' }, 'networkMode'],
    [{ networkMode: 'container:abc' }, 'networkMode'],
    [{ pidMode: 'host' }, 'pidMode'],
    [{ ipcMode: 'host' }, 'ipcMode'],
    [{ utsMode: 'host' }, 'utsMode'],
    [{ usernsMode: 'host' }, 'usernsMode'],
    [{ cgroupnsMode: 'host' }, 'cgroupnsMode'],
    [{ capAdd: ['SYS_ADMIN'] }, 'capAdd'],
    [{ securityOpt: ['seccomp=unconfined'] }, 'securityOpt'],
    [{ devices: [{ pathOnHost: '/dev/sda', pathInContainer: '/dev/sda' }] }, 'devices'],
    [{ sysctls: { 'net.ipv4.ip_forward': '1' } }, 'sysctls'],
    [{ runtime: 'runc' }, 'runtime'],
    [{ cgroupParent: '/' }, 'cgroupParent'],
    [{ volumeDriver: 'local' }, 'volumeDriver'],
    [{ volumesFrom: ['other'] }, 'volumesFrom'],
    [{ binds: ['/:/host'] }, 'binds'],
    [
      { binds: ['/srv/data/app:/app'] },
      'binds ("/srv/data/app:/app": /srv/data is allowed read-only: add :ro)',
    ],
    [
      { mounts: [{ type: 'bind', source: '/srv/data', target: '/x' }] },
      'mounts ("/srv/data": /srv/data is allowed read-only: set readOnly: true)',
    ],
    [{ binds: ['/etc:/etc:ro'] }, 'binds'],
    [{ binds: ['/srv/data/../../etc:/x'] }, 'binds'],
    [{ binds: ['/var/run/docker.sock:/var/run/docker.sock'] }, 'binds'],
    [{ mounts: [{ type: 'bind', source: '/etc', target: '/x' }] }, 'mounts'],
    [{ mounts: [{ type: 'npipe', source: '/run/docker.sock', target: '/x' }] }, 'mounts'],
    [
      { ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 80 }] },
      'ports (host ports below 1024)',
    ],
    [{ labels: { 'io.harbormaster.owner': 'me' } }, 'labels (io.harbormaster.*)'],
  ])('refuses %o naming %s', (spec, name) => {
    // Host paths are refused one by one, each with its reason: `binds ("…": why)`.
    const names = refused(spec).map((r) => (r.includes(' ("') ? r.slice(0, r.indexOf(' ("')) : r))
    expect([...refused(spec), ...names]).toContain(name)
  })

  it('allows what an operator needs', () => {
    expect(
      refused({
        binds: ['data:/data', '/srv/data/app:/app:ro', '/srv/app:/rw', '/srv/app:/z:z'],
        mounts: [
          { type: 'volume', source: 'cache', target: '/cache' },
          { type: 'tmpfs', target: '/tmp' },
        ],
        ports: [
          { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
          { containerPort: 53, protocol: 'udp', hostPort: 0 },
        ],
        networkMode: 'bridge',
        ipcMode: 'private',
        securityOpt: ['no-new-privileges'],
        capDrop: ['ALL'],
        labels: { app: 'web' },
      }),
    ).toEqual([])
  })

  it('never allows the engine socket, even under an allowed prefix', () => {
    const ro = { form: 'binds', readOnly: true, relabels: false } as const
    const allowed = (path: string, prefix: string) =>
      hostPathRefusal(path, ro, { allowedBindPrefixes: [prefix] }) === undefined
    expect(allowed('/var/run/docker.sock', '/var/run')).toBe(false)
    expect(allowed('/var', '/var')).toBe(false)
    expect(allowed('/var/lib/app', '/var')).toBe(true)
    expect(allowed('/srv/database', '/srv/data')).toBe(false)
  })

  it('sees a local volume with bind options as a host path', () => {
    expect(isHostPathVolume('local', { type: 'none', o: 'bind', device: '/etc' })).toBe(true)
    expect(isHostPathVolume('local', { o: 'rbind' })).toBe(true)
    expect(isHostPathVolume('local', { type: 'nfs', device: ':/export' })).toBe(true)
    expect(isHostPathVolume('local', { type: 'tmpfs', device: 'tmpfs', o: 'size=10m' })).toBe(false)
    expect(isHostPathVolume('local', {})).toBe(false)
  })

  it('refuses privileged and root execs', () => {
    expect(refusedExecSettings({ privileged: true })).toEqual(['privileged'])
    expect(refusedExecSettings({ user: 'root' })).toEqual(['user (root)'])
    expect(refusedExecSettings({ user: '0:0' })).toEqual(['user (root)'])
    expect(refusedExecSettings({ user: '1000' })).toEqual([])
  })
})
