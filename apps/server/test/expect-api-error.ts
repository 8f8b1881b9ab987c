import { expect } from 'vitest'

/** Asserts the error envelope: status, code and (optionally) the message. */
export async function expectApiError(
  res: Response,
  status: number,
  code: string,
  message?: RegExp,
) {
  const body = (await res.json()) as { error?: { code?: string; message?: string } }
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code })
  if (message) expect(body.error?.message).toMatch(message)
}
