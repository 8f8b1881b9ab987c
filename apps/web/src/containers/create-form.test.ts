import { describe, expect, it } from 'vitest'
import {
  emptyForm,
  hostControlWarnings,
  parseMemory,
  toCreateInput,
  toDockerRun,
} from './create-form.ts'

describe('parseMemory', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['2g', 2 * 1024 ** 3],
    ['1.5G', 1.5 * 1024 ** 3],
    ['1000', 1000],
    ['64mb', 64 * 1024 ** 2],
  ])('%s', (text, bytes) => {
    expect(parseMemory(text)).toBe(bytes)
  })

  it('refuses what is not a size', () => {
    expect(parseMemory('lots')).toBeUndefined()
  })
})

describe('toCreateInput', () => {
  it('validates with the contract and names the field', () => {
    const { input, errors } = toCreateInput({ ...emptyForm, image: '', name: 'bad name!' })
    expect(input).toBeUndefined()
    expect(errors.image).toMatch(/image/)
    expect(errors.name).toMatch(/name/)
  })

  it('refuses a command whose quote is left open, naming the field', () => {
    const { input, errors } = toCreateInput({ ...emptyForm, image: 'nginx:1', cmd: `sh -c "ls` })
    expect(input).toBeUndefined()
    expect(errors.cmd).toBe('a quote is not closed')
  })

  it('builds the input from the fields', () => {
    const { input } = toCreateInput({
      ...emptyForm,
      image: 'nginx:1',
      name: 'web',
      env: 'A=1\n# comment\nB=two words',
      ports: [{ hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'volume', source: '', target: '/cache', readOnly: false },
      ],
      restart: 'unless-stopped',
      memory: '256m',
      cpus: '0.5',
      labels: 'team=web',
    })
    expect(input).toMatchObject({
      image: 'nginx:1',
      env: ['A=1', 'B=two words'],
      ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
      binds: ['data:/data'],
      volumes: ['/cache'],
      restartPolicy: { name: 'unless-stopped' },
      memoryBytes: 256 * 1024 ** 2,
      nanoCpus: 500_000_000,
      labels: { team: 'web' },
    })
  })
})

describe('toDockerRun and warnings', () => {
  it('prints the equivalent docker run with shell quoting', () => {
    const { input } = toCreateInput({
      ...emptyForm,
      image: 'busybox',
      name: 'b1',
      cmd: 'sh -c "echo hi"',
      env: 'GREETING=hello world',
      ports: [{ hostPort: '', containerPort: '53', protocol: 'udp' }],
    })
    expect(toDockerRun(input!, true)).toBe(
      [
        'docker run -d',
        '--name b1',
        "-e 'GREETING=hello world'",
        '-p 53/udp',
        'busybox',
        "sh -c 'echo hi'",
      ].join(' \\\n  '),
    )
  })

  it('passes only the entrypoint executable to --entrypoint, its other words after the image', () => {
    const { input } = toCreateInput({
      ...emptyForm,
      image: 'busybox',
      entrypoint: 'sh -c',
      cmd: `'echo hi'`,
    })
    expect(toDockerRun(input!, false)).toBe(
      ['docker create', '--entrypoint sh', 'busybox', "-c 'echo hi'"].join(' \\\n  '),
    )
    const alone = toCreateInput({ ...emptyForm, image: 'busybox', entrypoint: '/bin/env -i' })
    expect(toDockerRun(alone.input!, true)).toBe(
      ['docker run -d', '--entrypoint /bin/env', 'busybox', '-i'].join(' \\\n  '),
    )
  })

  it('warns admins about settings that control the host', () => {
    const warnings = hostControlWarnings({
      image: 'x',
      privileged: true,
      binds: ['/var/run/docker.sock:/var/run/docker.sock', 'data:/data'],
      networkMode: 'host',
    })
    expect(warnings).toHaveLength(3)
    expect(warnings.join(' ')).toMatch(/socket/)
  })
})
