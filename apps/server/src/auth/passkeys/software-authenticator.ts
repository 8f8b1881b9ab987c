import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import type { AuthenticationCredential, RegistrationCredential } from '@harbormaster/contract'
import { isoCBOR } from '@simplewebauthn/server/helpers'

/** The options the server hands out, as far as an authenticator reads them. */
interface CreationOptions {
  challenge: string
  rp: { id?: string }
  user: { id: string }
  excludeCredentials?: { id: string }[]
}
interface RequestOptions {
  challenge: string
  rpId?: string
  allowCredentials?: { id: string }[]
}

interface Credential {
  privateKey: KeyObject
  rpId: string
  userHandle: string
  counter: number
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()

// authenticatorData flags (WebAuthn §6.1): user present, user verified, attested data.
const UP = 0x01
const UV = 0x04
const AT = 0x40

/**
 * For the route tests (not a test itself): a WebAuthn authenticator in software, as Chromium's
 * virtual one is in the browser spec. ES256 keys from node:crypto, attestation 'none', client
 * data as a browser at `origin` writes it. Its answers are real: the server checks them with
 * the same code that checks a phone's. `counts: false` behaves like a synced passkey (counter 0).
 */
export class SoftwareAuthenticator {
  readonly #credentials = new Map<string, Credential>()
  readonly origin: string
  readonly #counts: boolean
  readonly #aaguid: Buffer

  constructor(options: { origin?: string; counts?: boolean; aaguid?: string } = {}) {
    this.origin = options.origin ?? 'http://localhost:8080'
    this.#counts = options.counts ?? true
    this.#aaguid = Buffer.from(
      (options.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''),
      'hex',
    )
  }

  /** navigator.credentials.create(): a new discoverable credential for the options' user. */
  register(options: CreationOptions, tamper: { origin?: string } = {}): RegistrationCredential {
    const rpId = options.rp.id ?? 'localhost'
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const id = randomBytes(16)
    this.#credentials.set(b64(id), { privateKey, rpId, userHandle: options.user.id, counter: 0 })
    const jwk = publicKey.export({ format: 'jwk' })
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x ?? '', 'base64url')],
      [-3, Buffer.from(jwk.y ?? '', 'base64url')],
    ])
    const length = Buffer.alloc(2)
    length.writeUInt16BE(id.length)
    const attested = Buffer.concat([this.#aaguid, length, id, isoCBOR.encode(coseKey)])
    const authData = Buffer.concat([this.#header(rpId, UP | UV | AT, 0), attested])
    const attestation = new Map<string, string | Uint8Array | Map<string, string>>()
    attestation.set('fmt', 'none')
    attestation.set('attStmt', new Map<string, string>())
    attestation.set('authData', authData)
    const attestationObject = isoCBOR.encode(attestation)
    const clientData = this.#clientData('webauthn.create', options.challenge, tamper.origin)
    return {
      id: b64(id),
      rawId: b64(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    }
  }

  /**
   * navigator.credentials.get(): signs the challenge with the first credential of `rpId` the
   * options allow (any of them when they name none, as for a password-less sign-in).
   */
  authenticate(
    options: RequestOptions,
    choose: { credentialId?: string; userVerified?: boolean } = {},
  ): AuthenticationCredential {
    const allowed = options.allowCredentials?.map((c) => c.id)
    const entry = [...this.#credentials].find(
      ([id, c]) =>
        (choose.credentialId === undefined || id === choose.credentialId) &&
        c.rpId === (options.rpId ?? 'localhost') &&
        (allowed === undefined || allowed.includes(id)),
    )
    if (!entry) throw new Error('the authenticator holds no credential these options allow')
    const [id, credential] = entry
    if (this.#counts) credential.counter++
    const flags = UP | (choose.userVerified === false ? 0 : UV)
    const authData = this.#header(credential.rpId, flags, credential.counter)
    const clientData = this.#clientData('webauthn.get', options.challenge)
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      credential.privateKey,
    )
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    }
  }

  /** Sets a credential's counter back, as a copy of the key made earlier would have it. */
  rewind(credentialId: string, counter: number): void {
    const credential = this.#credentials.get(credentialId)
    if (credential) credential.counter = counter
  }

  #header(rpId: string, flags: number, counter: number): Buffer {
    const count = Buffer.alloc(4)
    count.writeUInt32BE(counter)
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count])
  }

  #clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
  }
}
