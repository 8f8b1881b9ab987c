import type { TestApp } from '../test-app.ts'
import type { SoftwareAuthenticator } from './software-authenticator.ts'

/**
 * For the passkey tests (not a test itself): the ceremonies as the web app runs them, against the
 * test app, with a software authenticator in the browser's place.
 */
export function passkeyCeremonies(t: TestApp) {
  const json = async <T>(res: Response): Promise<T> => {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  /** The value a response set for a sign-in step's cookie. */
  const cookieFrom = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0]
      ?.slice(name.length + 1)

  type Creation = Parameters<SoftwareAuthenticator['register']>[0]
  type Request = Parameters<SoftwareAuthenticator['authenticate']>[0]

  return {
    cookieFrom,
    async registrationOptions(session: string): Promise<Creation & Record<string, unknown>> {
      const res = await t.call('POST', '/auth/passkeys/registration/options', undefined, {
        session,
      })
      return (await json<{ options: Creation & Record<string, unknown> }>(res)).options
    },
    /** Adds a passkey held by `authenticator`; returns the answer and the credential's id. */
    async add(session: string, authenticator: SoftwareAuthenticator, name?: string) {
      const options = await this.registrationOptions(session)
      const credential = authenticator.register(options)
      const body = name === undefined ? { credential } : { name, credential }
      const res = await t.call('POST', '/auth/passkeys/registration', body, { session })
      return { res, id: credential.id }
    },
    /** Password-less: the options and the ceremony cookie that binds them to this "browser". */
    async signInOptions(): Promise<{ options: Request & Record<string, unknown>; cookie: string }> {
      const res = await t.call('POST', '/auth/passkeys/sign-in/options')
      const cookie = cookieFrom(res, 'hm_passkey') ?? ''
      return {
        options: (await json<{ options: Request & Record<string, unknown> }>(res)).options,
        cookie,
      }
    },
    async signIn(authenticator: SoftwareAuthenticator, choose: { userVerified?: boolean } = {}) {
      const { options, cookie } = await this.signInOptions()
      const credential = authenticator.authenticate(options, choose)
      return t.call(
        'POST',
        '/auth/passkeys/sign-in',
        { credential },
        {
          headers: { Cookie: `hm_passkey=${cookie}` },
        },
      )
    },
  }
}
