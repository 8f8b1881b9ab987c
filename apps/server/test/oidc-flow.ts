import { loadOidcConfig, type OidcConfig } from '../src/auth/oidc/oidc-config.ts'
import type { TestApp } from '../src/auth/test-app.ts'
import type { TestOidcProvider } from './oidc-provider.ts'

/** The public origin of createTestApp's configuration: the redirect URI the provider knows. */
export const TEST_APP_ORIGIN = 'http://localhost:8080'
export const TEST_REDIRECT_URI = `${TEST_APP_ORIGIN}/api/auth/oidc/callback`

/** The single sign-on settings of a test app, read from variables as the server reads them. */
export function oidcConfigFor(
  provider: TestOidcProvider,
  env: Record<string, string> = {},
): OidcConfig {
  const config = loadOidcConfig(
    {
      HARBORMASTER_OIDC_ISSUER: provider.issuer,
      HARBORMASTER_OIDC_CLIENT_ID: provider.clientId,
      HARBORMASTER_OIDC_CLIENT_SECRET: provider.clientSecret,
      HARBORMASTER_OIDC_SCOPES: 'openid profile email groups',
      HARBORMASTER_OIDC_NAME: 'Test ID',
      HARBORMASTER_OIDC_ROLE_MAP: 'hm-admins=admin,hm-ops=operator',
      ...env,
    },
    TEST_APP_ORIGIN,
  )
  if (!config) throw new Error('no single sign-on configuration')
  return config
}

/**
 * The provider's side of a browser, driven by hand over HTTP: follows its redirects with its
 * cookies, fills its development login page (any password) and consents, and stops at the
 * redirect back to us, whose URL it returns.
 */
export class ProviderBrowser {
  readonly #cookies = new Map<string, string>()

  async authorize(authorizationUrl: string, login: string): Promise<URL> {
    let next: { url: URL; body?: string } = { url: new URL(authorizationUrl) }
    for (let step = 0; step < 20; step++) {
      if (next.url.href.startsWith(TEST_REDIRECT_URI)) return next.url
      const res = await fetch(next.url, {
        method: next.body === undefined ? 'GET' : 'POST',
        redirect: 'manual',
        headers: {
          Cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(next.body === undefined
            ? {}
            : { 'Content-Type': 'application/x-www-form-urlencoded' }),
        },
        ...(next.body === undefined ? {} : { body: next.body }),
      })
      this.#keep(res.headers.getSetCookie())
      const location = res.headers.get('Location')
      if (location !== null) {
        next = { url: new URL(location, next.url) }
        continue
      }
      const page = await res.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1]
      if (res.status !== 200 || action === undefined || prompt === undefined) {
        throw new Error(`the provider answered ${res.status}: ${page.slice(0, 500)}`)
      }
      const form = new URLSearchParams({ prompt })
      if (prompt === 'login') {
        form.set('login', login)
        form.set('password', 'any')
      }
      next = { url: new URL(action, next.url), body: form.toString() }
    }
    throw new Error('the provider never sent the browser back')
  }

  #keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';')
      const split = pair.indexOf('=')
      const name = pair.slice(0, split).trim()
      const value = pair.slice(split + 1).trim()
      const expired = attributes.some((a) => /expires=.*1970/i.test(a) || /max-age=0\b/i.test(a))
      if (expired || value === '') this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }
}

/** The value of a cookie a response set. */
export function cookieOf(res: Response, name: string): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))
  return line?.slice(name.length + 1).split(';')[0]
}

export interface FlowOptions {
  /** Changes the authorization request before the browser goes to the provider. */
  editAuthorization?: (url: URL) => void
  /** Changes the provider's answer before it reaches our callback. */
  editCallback?: (url: URL) => void
}

/** One single sign-on from our start route to our callback's answer. */
export async function signInWithProvider(
  t: TestApp,
  browser: ProviderBrowser,
  login: string,
  options: FlowOptions = {},
) {
  const start = await t.call('GET', '/auth/oidc/start')
  const location = start.headers.get('Location')
  const pending = cookieOf(start, 'hm_oidc')
  if (start.status !== 302 || location === null || pending === undefined) {
    throw new Error(`start answered ${start.status} ${location ?? ''}`)
  }
  const authorization = new URL(location)
  options.editAuthorization?.(authorization)
  const back = await browser.authorize(authorization.href, login)
  options.editCallback?.(back)
  const callbackPath = `/auth/oidc/callback${back.search}`
  const callback = await t.call('GET', callbackPath, undefined, {
    headers: { Cookie: `hm_oidc=${pending}` },
  })
  return {
    start,
    callback,
    callbackPath,
    pending,
    redirectedTo: callback.headers.get('Location'),
    session: t.sessionFrom(callback),
  }
}
