import { passwordSchema } from '@harbormaster/contract'

/** What is wrong with a new password and its repetition, field by field. */
export interface PasswordProblems {
  password?: string
  repeat?: string
}

/** Checks a new password with the contract's own rule (the server applies the same one). */
export function passwordProblems(password: string, repeat: string): PasswordProblems {
  const parsed = passwordSchema.safeParse(password)
  const issue = parsed.error?.issues[0]
  return {
    ...(issue === undefined ? {} : { password: describeIssue(issue) }),
    ...(repeat === password ? {} : { repeat: 'The two passwords differ' }),
  }
}

/**
 * Whether to show that the repetition differs before the form is sent: not while it is still a
 * correct beginning of the password, which is every keystroke of someone typing it right.
 */
export function repeatGoneWrong(password: string, repeat: string): boolean {
  return repeat !== '' && !password.startsWith(repeat)
}

function describeIssue(issue: { code: string; message: string; minimum?: unknown }): string {
  if (issue.code === 'too_small' && typeof issue.minimum === 'number')
    return `At least ${issue.minimum} characters`
  return issue.message
}
