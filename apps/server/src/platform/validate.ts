import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { ApiError } from './errors.ts'

/** What one validator of a route checks: the part of the request and the contract's schema. */
export interface ValidatedInput {
  target: keyof ValidationTargets
  schema: ZodType
}

const inputs = new WeakMap<object, ValidatedInput>()

/**
 * The input a handler of the route table validates, when it is one of ours. The API description
 * (openapi/) reads the parameters and bodies from here, so it documents the very schemas the
 * routes run and cannot drift from them.
 */
export function validatedInput(handler: unknown): ValidatedInput | undefined {
  return typeof handler === 'function' ? inputs.get(handler) : undefined
}

/** zValidator whose failures become our envelope, naming the field: `json.name: Too short`. */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) => {
  const validator = zValidator(target, schema, (result) => {
    if (result.success) return
    const issue = result.error.issues[0]
    const field = [target, ...(issue?.path ?? [])].join('.')
    throw new ApiError(400, 'invalid_request', `${field}: ${issue?.message ?? 'invalid value'}`)
  })
  inputs.set(validator, { target, schema })
  return validator
}
