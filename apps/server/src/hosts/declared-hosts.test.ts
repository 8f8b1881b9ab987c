import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/database.ts'
import { parseDeclaredHosts, syncDeclaredHosts } from './declared-hosts.ts'
import { HostStore } from './host-store.ts'

let dir: string
let db: Db
let store: HostStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-declared-'))
  db = openDatabase(dir)
  store = new HostStore(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A DOCKER_CERT_PATH-style directory; the PEM bodies are only text to the store. */
function certDir(name: string): string {
  const certs = join(dir, name)
  mkdirSync(certs)
  for (const file of ['ca', 'cert', 'key'])
    writeFileSync(
      join(certs, `${file}.pem`),
      `-----BEGIN ${name.toUpperCase()} ${file.toUpperCase()}-----\n`,
    )
  return certs
}

describe('hosts declared in HARBORMASTER_HOSTS', () => {
  it('creates them, with the TLS files read from the declared directory', () => {
    const certs = certDir('prod')
    syncDeclaredHosts(
      store,
      parseDeclaredHosts(`prod=tcp://10.0.0.5:2376;tls=${certs}, build=unix:///run/build.sock`),
    )
    expect(store.get('prod')).toMatchObject({
      name: 'prod',
      address: 'tcp://10.0.0.5:2376',
      tls: {
        verify: true,
        ca: expect.stringContaining('PROD CA'),
        key: expect.stringContaining('PROD KEY'),
      },
    })
    expect(store.get('build')).toEqual({
      id: 'build',
      name: 'build',
      address: 'unix:///run/build.sock',
      allowedBindPrefixes: [],
    })
  })

  it('brings address and TLS back to the declaration at each start, keeping UI names, bind paths and secret patterns', () => {
    syncDeclaredHosts(store, parseDeclaredHosts(`prod=tcp://10.0.0.5:2376;tls=${certDir('old')}`))
    store.update('prod', {
      name: 'Production',
      allowedBindPrefixes: ['/srv'],
      secretEnvPatterns: ['*_PIN'],
      address: 'tcp://elsewhere:2376',
    })

    syncDeclaredHosts(store, parseDeclaredHosts(`prod=tcp://10.0.0.6:2376;tls=${certDir('new')}`))
    expect(store.get('prod')).toMatchObject({
      name: 'Production',
      allowedBindPrefixes: ['/srv'],
      secretEnvPatterns: ['*_PIN'],
      address: 'tcp://10.0.0.6:2376',
      tls: { cert: expect.stringContaining('NEW CERT') },
    })

    // Declared without tls= now: the stored certificates go, they are not kept from before.
    syncDeclaredHosts(store, parseDeclaredHosts('prod=tcp://10.0.0.6:2375'))
    const plain = store.get('prod')
    expect(plain?.address).toBe('tcp://10.0.0.6:2375')
    expect(plain?.tls).toBeUndefined()
    const row = db.prepare('SELECT tls_ca, tls_cert, tls_key FROM hosts WHERE id = ?').get('prod')
    expect(row).toEqual({ tls_ca: null, tls_cert: null, tls_key: null })
  })

  it('refuses a start whose TLS directory lacks a file, naming the host and the file', () => {
    const certs = certDir('partial')
    rmSync(join(certs, 'key.pem'))
    expect(() => {
      syncDeclaredHosts(store, parseDeclaredHosts(`prod=tcp://10.0.0.5:2376;tls=${certs}`))
    }).toThrow(/host "prod": cannot read key\.pem/)
    expect(store.get('prod')).toBeUndefined()
  })
  it('reads an ssh:// host key file and passphrase file, and keeps a key accepted in the UI unless one is declared', () => {
    const key = join(dir, 'id_ed25519')
    writeFileSync(key, '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n')
    const passphrase = join(dir, 'passphrase')
    writeFileSync(passphrase, 'open sesame\n')
    const pinned = `SHA256:${'b'.repeat(43)}`
    const declared = `gpu=ssh://deploy@10.0.0.7:2222;ssh_key=${key};ssh_passphrase_file=${passphrase}`

    syncDeclaredHosts(store, parseDeclaredHosts(declared))
    store.pinHostKey('gpu', pinned)
    syncDeclaredHosts(store, parseDeclaredHosts(declared))

    expect(store.get('gpu')?.ssh).toEqual({
      privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n',
      passphrase: 'open sesame',
      hostKey: pinned,
    })
    const other = `SHA256:${'c'.repeat(43)}`
    syncDeclaredHosts(
      store,
      parseDeclaredHosts(`gpu=ssh://deploy@10.0.0.7:2222;ssh_key=${key};host_key=${other}`),
    )
    expect(store.get('gpu')?.ssh).toEqual({ privateKey: expect.any(String), hostKey: other })
    expect(() => parseDeclaredHosts('gpu=ssh://deploy@10.0.0.7')).toThrow(/ssh_key=\/file needed/)
    expect(() => parseDeclaredHosts(`gpu=ssh://d@h;ssh_key=${key};host_key=MD5:aa`)).toThrow(
      /host_key/,
    )
  })

  it('pins a declared host with api=, and keeps a pin set in the UI when none is declared', () => {
    syncDeclaredHosts(store, parseDeclaredHosts('old=unix:///run/old.sock;api=1.15'))
    expect(store.get('old')?.apiVersion).toBe('1.15')
    store.update('old', { apiVersion: '1.20' })
    syncDeclaredHosts(store, parseDeclaredHosts('old=unix:///run/old.sock'))
    expect(store.get('old')?.apiVersion).toBe('1.20')
    syncDeclaredHosts(store, parseDeclaredHosts('old=unix:///run/old.sock;api=1.24'))
    expect(store.get('old')?.apiVersion).toBe('1.24')
    store.update('old', { apiVersion: null })
    expect(store.get('old')?.apiVersion).toBeUndefined()
    expect(db.prepare('SELECT api_version FROM hosts WHERE id = ?').get('old')).toEqual({
      api_version: null,
    })
  })

  it.each([
    ['api=1.11', /api=1\.11: expected an API version from 1\.12 to 1\.51/],
    ['api=latest', /api=latest: expected an API version such as 1\.24/],
    ['api', /unknown option "api" \(expected tls=\/dir, api=1\.24, ssh_key/],
  ])('refuses %s, naming the entry', (option, message) => {
    expect(() => parseDeclaredHosts(`old=unix:///run/old.sock;${option}`)).toThrow(message)
  })
})
