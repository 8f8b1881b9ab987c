import type { Host } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { emptyHostForm, hostFormOf, toHostCreate, toHostUpdate } from './host-form.ts'

const host: Host = {
  id: 'build',
  name: 'Build box',
  address: 'tcp://10.0.0.5:2376',
  reachable: true,
  tls: { verify: true, hasClientCertificate: true },
  allowedBindPrefixes: ['/srv'],
  secretEnvPatterns: ['*_PASSWORD'],
  role: 'admin',
}
const edit = (over: Partial<ReturnType<typeof hostFormOf>>) =>
  toHostUpdate({ ...hostFormOf(host), ...over }, host)

describe('toHostUpdate', () => {
  it('sends the fields that changed, and always the bind paths (absent would clear them)', () => {
    expect(edit({ name: ' Builder ', prefixes: '/srv, /data' })).toEqual({
      input: { name: 'Builder', allowedBindPrefixes: ['/srv', '/data'] },
      errors: {},
    })
    expect(edit({ name: 'Builder' }).input).toEqual({
      name: 'Builder',
      allowedBindPrefixes: ['/srv'],
    })
  })

  it('keeps the stored certificates unless new ones are pasted', () => {
    const keep = { allowedBindPrefixes: ['/srv'] }
    expect(edit({ verify: false }).input).toEqual({ ...keep, tls: { verify: false } })
    const ca = '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'
    expect(edit({ ca }).input).toEqual({ ...keep, tls: { verify: true, ca } })
  })

  it('reports problems by field in the contract’s words', () => {
    const { input, errors } = edit({ name: '', address: 'tcp://', cert: 'not pem' })
    expect(input).toBeUndefined()
    expect(errors.name).toBeDefined()
    expect(errors.address).toMatch(/unix:\/\/\/|tcp:\/\//)
    expect(errors['tls.cert']).toMatch(/PEM/)
  })

  it('sends the secret patterns only when they changed, and names a wrong one', () => {
    expect(edit({ secretPatterns: '*_PASSWORD, *_pin  API_*' }).input).toEqual({
      allowedBindPrefixes: ['/srv'],
      secretEnvPatterns: ['*_PASSWORD', '*_pin', 'API_*'],
    })
    expect(edit({ secretPatterns: '' }).input?.secretEnvPatterns).toEqual([])
    expect(edit({ name: 'Builder' }).input).not.toHaveProperty('secretEnvPatterns')
    expect(edit({ secretPatterns: 'A=B' }).errors.secretEnvPatterns).toMatch(/without "="/)
  })

  it('pins, changes and removes the API version (null), and names a wrong one', () => {
    expect(edit({ apiVersion: ' 1.24 ' }).input).toEqual({
      allowedBindPrefixes: ['/srv'],
      apiVersion: '1.24',
    })
    const pinned: Host = { ...host, pinnedApiVersion: '1.24' }
    expect(hostFormOf(pinned).apiVersion).toBe('1.24')
    expect(toHostUpdate({ ...hostFormOf(pinned), apiVersion: '' }, pinned).input).toEqual({
      allowedBindPrefixes: ['/srv'],
      apiVersion: null,
    })
    expect(toHostUpdate(hostFormOf(pinned), pinned).errors.form).toBe('Nothing to change')
    expect(edit({ apiVersion: '1.9' }).errors.apiVersion).toMatch(/from 1\.12 to 1\.51/)
  })

  it('sends no TLS for a unix socket, and says when nothing changed', () => {
    const local: Host = { ...host, address: 'unix:///var/run/docker.sock', tls: undefined }
    expect(toHostUpdate({ ...hostFormOf(local), verify: false }, local)).toEqual({
      errors: { form: 'Nothing to change' },
    })
  })
})

describe('toHostCreate', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'
  const add = (over: Partial<ReturnType<typeof emptyHostForm>>) =>
    toHostCreate({ ...emptyHostForm(), ...over })

  it('names the host after its id when no name is given, and splits the bind paths', () => {
    expect(
      add({ id: 'build-1', address: 'unix:///run/build.sock', prefixes: '/srv, /data' }),
    ).toEqual({
      input: {
        id: 'build-1',
        name: 'build-1',
        address: 'unix:///run/build.sock',
        allowedBindPrefixes: ['/srv', '/data'],
      },
      errors: {},
    })
  })

  it('pins the API version when one is given', () => {
    const form = { id: 'old', address: 'unix:///run/old.sock', apiVersion: '1.15' }
    expect(add(form).input?.apiVersion).toBe('1.15')
    expect(add({ ...form, apiVersion: '2.0' }).errors.apiVersion).toMatch(/such as 1\.24/)
  })

  it('leaves the default secret patterns to the server, and sends others', () => {
    const base = { id: 'h2', address: 'unix:///x.sock' }
    expect(add(base).input).not.toHaveProperty('secretEnvPatterns')
    expect(add({ ...base, secretPatterns: '*_PIN' }).input?.secretEnvPatterns).toEqual(['*_PIN'])
  })

  it('takes one bind path a line, read-only or :rw, and refuses an entry within a writable one', () => {
    const lines = add({ id: 'b', address: 'unix:///x.sock', prefixes: '/srv/data\n/srv/app:rw\n' })
    expect(lines.input?.allowedBindPrefixes).toEqual(['/srv/data', '/srv/app:rw'])
    const nested = add({ id: 'b', address: 'unix:///x.sock', prefixes: '/srv:rw\n/srv/app' })
    expect(nested.errors.allowedBindPrefixes).toMatch(
      /\/srv\/app lies within the writable entry \/srv:rw/,
    )
    const bad = add({ id: 'b', address: 'unix:///x.sock', prefixes: '/srv/../etc\nrelative' })
    expect(bad.errors.allowedBindPrefixes).toMatch(/absolute path without "\.\."/)
    expect(hostFormOf({ ...host, allowedBindPrefixes: ['/a', '/b:rw'] }).prefixes).toBe('/a\n/b:rw')
  })

  it('sends TLS for a tcp:// engine with certificates, and never for a unix socket', () => {
    const tcp = add({ id: 'prod', address: 'tcp://10.0.0.5:2376', ca: PEM, verify: false })
    expect(tcp.input?.tls).toEqual({ verify: false, ca: PEM })
    expect(add({ id: 'prod', address: 'tcp://10.0.0.5:2375' }).input?.tls).toBeUndefined()
    expect(add({ id: 'local2', address: 'unix:///x.sock', ca: PEM }).input?.tls).toBeUndefined()
  })

  it("says what is wrong, field by field, in the contract's words", () => {
    const { input, errors } = add({ id: 'Bad Id', address: 'ftp://x', cert: 'not pem' })
    expect(input).toBeUndefined()
    expect(Object.keys(errors).sort()).toEqual(['address', 'id'])
    const tls = add({ id: 'ok', address: 'tcp://10.0.0.5:2376', cert: 'not pem' })
    expect(tls.errors['tls.cert']).toMatch(/PEM/)
  })
})

describe('ssh:// hosts in the host form', () => {
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----'
  const fingerprint = `SHA256:${'k'.repeat(43)}`

  it('creates one with its key, passphrase and fingerprint, and refuses one without a key', () => {
    const form = { ...emptyHostForm(), id: 'gpu', address: 'ssh://deploy@10.0.0.9' }

    const created = toHostCreate({ ...form, sshPrivateKey: key, sshPassphrase: 'pw' })
    const keyless = toHostCreate(form)

    expect(created.input?.ssh).toEqual({ privateKey: `${key}\n`, passphrase: 'pw' })
    expect(
      toHostCreate({ ...form, sshPrivateKey: key, hostKeyFingerprint: fingerprint }).input?.ssh,
    ).toEqual({ privateKey: `${key}\n`, hostKeyFingerprint: fingerprint })
    expect(keyless.errors['ssh.privateKey']).toMatch(/needs a private key/)
  })

  it('keeps the stored key and pinned fingerprint unless new ones are typed', () => {
    const plain: Host = {
      ...host,
      address: 'ssh://deploy@10.0.0.9',
      ssh: { hasPrivateKey: true, hasPassphrase: false, hostKeyFingerprint: fingerprint },
    }
    delete plain.tls
    const form = hostFormOf(plain)

    expect(toHostUpdate({ ...form, name: 'GPU' }, plain).input).toEqual({
      name: 'GPU',
      allowedBindPrefixes: ['/srv'],
    })
    const other = `SHA256:${'m'.repeat(43)}`
    expect(toHostUpdate({ ...form, hostKeyFingerprint: other }, plain).input?.ssh).toEqual({
      hostKeyFingerprint: other,
    })
    expect(
      toHostUpdate({ ...form, hostKeyFingerprint: 'MD5:x' }, plain).errors[
        'ssh.hostKeyFingerprint'
      ],
    ).toMatch(/SHA256/)
  })
})
