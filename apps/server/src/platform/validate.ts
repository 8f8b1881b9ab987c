import { zValidator } from '@hono/zod-validator'
import type { ValidationTargets } from 'hono'
import type { ZodType } from 'zod'
import { ApiError } from './errors.ts'

/** zValidator whose failures become our envelope, naming the field: `json.name: Too short`. */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) =>
  zValidator(target, schema, (result) => {
    if (result.success) return
    const issue = result.error.issues[0]
    const field = [target, ...(issue?.path ?? [])].join('.')
    throw new ApiError(400, 'invalid_request', `${field}: ${issue?.message ?? 'invalid value'}`)
  })
