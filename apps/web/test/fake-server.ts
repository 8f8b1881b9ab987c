import { vi } from 'vitest'

// The server's own behaviour is tested against a real engine in apps/server and e2e; these
// stand in for the server's answers in component tests, which check what the page sends and
// what it shows of the answer.

/** One request the page made, as the server would read it. */
export interface FakeRequest {
  method: string
  /** The decoded pathname and the query, e.g. `/api/hosts/h1/images/sha256:…?force=true`. */
  path: string
  /** The JSON body, parsed; undefined when none was sent. */
  body: unknown
  /** The request's abort signal, for an answer that streams until the page cancels. */
  signal?: AbortSignal | undefined
}

/**
 * Replaces the page's fetch for the rest of the test (dom.ts restores it): each request is
 * recorded, in order, in the returned list, then answered by `answer`.
 */
export function serveFetch(
  answer: (request: FakeRequest) => Response | Promise<Response>,
): FakeRequest[] {
  const requests: FakeRequest[] = []
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    // apiFetch sends paths (`/api/…`); the typed client, whole URLs.
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
    const request: FakeRequest = {
      method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
      path: decodeURIComponent(url.pathname) + url.search,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    }
    // Not enumerable: a test compares requests by what was sent (toEqual), not by the signal.
    Object.defineProperty(request, 'signal', {
      value: init?.signal ?? undefined,
      enumerable: false,
    })
    requests.push(request)
    return answer(request)
  })
  return requests
}

/** A JSON answer, as the server's routes send it. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

/**
 * An NDJSON answer the test writes line by line (`send`), then ends (`end`); aborting the
 * request errors the body as a browser's fetch does, so a reader sees the cancel.
 */
export function ndjsonStream(signal?: AbortSignal) {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  signal?.addEventListener('abort', () => {
    controller?.error(new DOMException('The operation was aborted.', 'AbortError'))
  })
  return {
    response: new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } }),
    send: (line: unknown) => {
      controller?.enqueue(encoder.encode(`${JSON.stringify(line)}\n`))
    },
    end: () => {
      controller?.close()
    },
  }
}
