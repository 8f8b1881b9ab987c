/** How a client sends a request: `fetch` over the network, or the app's own `request()`. */
export type Send = (url: string, init: RequestInit) => Promise<Response>

/**
 * A small HTTP client for tests: it keeps the session cookie like a browser and, unless told
 * otherwise, sends our Origin. Raw `fetch` underneath (or, in the fast tier, the app called
 * in-process), so tests can send anything (malformed JSON, foreign origins, huge bodies) and see
 * exactly what the server answers.
 */
export class ApiClient {
  readonly baseUrl: string
  readonly origin: string
  readonly #send: Send
  /** Cookies by name, as a browser keeps them: clearing one leaves the others. */
  readonly #cookies = new Map<string, string>()

  constructor(baseUrl: string, origin: string, send: Send = fetch) {
    this.baseUrl = baseUrl
    this.origin = origin
    this.#send = send
  }

  request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; raw?: RequestInit['body'] } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Origin: this.origin, ...init.headers }
    if (this.cookie) headers.Cookie = this.cookie
    let body: RequestInit['body'] = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['Content-Type'] ??= 'application/json'
    }
    return this.#send(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body ?? null,
      redirect: 'manual',
    }).then((res) => {
      const setCookie = res.headers.getSetCookie()
      for (const line of setCookie) this.#remember(line)
      return res
    })
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, headers ? { headers } : {})
  }

  post(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, {
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    })
  }

  patch(path: string, body: unknown) {
    return this.request('PATCH', path, { body })
  }

  delete(path: string) {
    return this.request('DELETE', path)
  }

  /** The Cookie header this client sends, or undefined when it holds none. */
  get cookie(): string | undefined {
    if (this.#cookies.size === 0) return undefined
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  set cookie(header: string | undefined) {
    this.#cookies.clear()
    for (const pair of header?.split(/;\s*/) ?? []) this.#remember(pair)
  }

  #remember(setCookie: string): void {
    const [pair = ''] = setCookie.split(';')
    const [name = '', value = ''] = pair.split('=')
    if (value === '' || /max-age=0/i.test(setCookie)) this.#cookies.delete(name)
    else this.#cookies.set(name, value)
  }
}
