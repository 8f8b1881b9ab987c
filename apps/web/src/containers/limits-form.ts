import {
  containerUpdateSchema,
  type ContainerDetails,
  type ContainerUpdateInput,
} from '@harbormaster/contract'
import { type FormErrors, parseMemory } from './create-form.ts'

export type RestartName = NonNullable<ContainerUpdateInput['restartPolicy']>['name']

/** The limits form as typed: text, so a half-typed value is kept and reported, not lost. */
export interface LimitsForm {
  memory: string
  memorySwap: string
  cpus: string
  cpuShares: string
  pidsLimit: string
  restart: RestartName
  maxRetries: string
}

/** Number formatting that round-trips through `parseMemory` (1024-based units). */
export function formatMemory(bytes: number): string {
  if (bytes <= 0) return ''
  for (const [unit, factor] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`
  }
  return `${bytes}b`
}

/** The form filled with what the container has now (what inspect tells us). */
export function limitsFormOf(c: ContainerDetails): LimitsForm {
  return {
    memory: formatMemory(c.limits.memoryBytes),
    memorySwap: '',
    cpus: c.limits.nanoCpus > 0 ? String(c.limits.nanoCpus / 1e9) : '',
    cpuShares: c.limits.cpuShares > 0 ? String(c.limits.cpuShares) : '',
    pidsLimit: '',
    restart: c.restartPolicy.name,
    maxRetries:
      c.restartPolicy.maximumRetryCount === undefined
        ? ''
        : String(c.restartPolicy.maximumRetryCount),
  }
}

const isInteger = (text: string) => /^-?\d+$/.test(text.trim())

/**
 * Only what the user changed becomes the update (an empty field keeps the current value: the
 * engine reads 0 as "no change"), checked against the contract's schema field by field.
 */
export function toUpdateInput(
  form: LimitsForm,
  initial: LimitsForm,
): { input?: ContainerUpdateInput; errors: FormErrors } {
  const errors: FormErrors = {}
  const input: ContainerUpdateInput = {}
  const changed = (key: keyof LimitsForm) => form[key].trim() !== initial[key].trim()
  if (changed('memory') && form.memory.trim() !== '') {
    const bytes = parseMemory(form.memory)
    if (bytes === undefined) errors.memoryBytes = 'expected a size like 512m or 2g'
    else input.memoryBytes = bytes
  }
  if (form.memorySwap.trim() === '-1') input.memorySwapBytes = -1
  else if (form.memorySwap.trim() !== '') {
    const bytes = parseMemory(form.memorySwap)
    if (bytes === undefined) errors.memorySwapBytes = 'expected a size like 1g, or -1 for unlimited'
    else input.memorySwapBytes = bytes
  }
  // The engine refuses a memory limit above the swap limit it has, and a container started
  // without limits has none (0): like `docker run --memory`, give it twice the memory.
  if (
    input.memoryBytes !== undefined &&
    input.memorySwapBytes === undefined &&
    errors.memorySwapBytes === undefined &&
    initial.memory.trim() === ''
  )
    input.memorySwapBytes = input.memoryBytes * 2
  if (changed('cpus') && form.cpus.trim() !== '') {
    const cpus = Number(form.cpus)
    if (!Number.isFinite(cpus) || cpus <= 0) errors.nanoCpus = 'expected a number like 0.5 or 2'
    else input.nanoCpus = Math.round(cpus * 1e9)
  }
  for (const [key, field] of [
    ['cpuShares', 'cpuShares'],
    ['pidsLimit', 'pidsLimit'],
  ] as const) {
    if (!changed(key) || form[key].trim() === '') continue
    if (isInteger(form[key])) input[field] = Number(form[key])
    else errors[field] = 'expected a whole number'
  }
  if (changed('restart') || (form.restart === 'on-failure' && changed('maxRetries'))) {
    const retries = form.maxRetries.trim()
    input.restartPolicy = { name: form.restart }
    if (form.restart === 'on-failure' && retries !== '') {
      if (isInteger(retries)) input.restartPolicy.maximumRetryCount = Number(retries)
      else errors.restartPolicy = 'expected a whole number of retries'
    }
  }
  const parsed = containerUpdateSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form')
      // The schema's words name a byte count; people think in the units they typed.
      errors[key] ??= key === 'memoryBytes' ? 'at least 6m (the engine’s minimum)' : issue.message
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  if (Object.keys(input).length === 0) return { errors: { form: 'Nothing to change' } }
  return { input, errors }
}
