import type { UserSummary } from '@harbormaster/contract'
import { useMutation } from '@tanstack/react-query'
import { type SubmitEvent, useState } from 'react'
import { api, unwrap } from '../platform/api-client.ts'
import { PasswordField, passwordProblems, repeatGoneWrong } from '../auth/index.ts'
import { Dialog, FormActions, forms, texts, useToast } from '../ui/index.ts'

/** An admin sets a user's new password, typed twice and never shown; their sessions end. */
export function ResetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const toast = useToast()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [leftPassword, setLeftPassword] = useState(false)
  const [submitted, setSubmitted] = useState(false)
  const problems = passwordProblems(password, repeat)
  const reset = useMutation({
    mutationFn: () =>
      unwrap(api.users[':id'].password.$post({ param: { id: user.id }, json: { password } })),
    onSuccess: () => {
      toast({ tone: 'ok', title: `Password of ${user.username} reset` })
      onClose()
    },
  })
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (problems.password === undefined && problems.repeat === undefined) reset.mutate()
  }
  return (
    <Dialog open title={`Reset the password of ${user.username}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <p className={texts.muted}>
          Every session of {user.username} ends; their API tokens go on.
        </p>
        <PasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          onBlur={() => {
            setLeftPassword(true)
          }}
          problem={submitted || leftPassword ? problems.password : undefined}
        />
        <PasswordField
          label="Repeat the new password"
          value={repeat}
          onChange={setRepeat}
          problem={submitted || repeatGoneWrong(password, repeat) ? problems.repeat : undefined}
        />
        <FormActions
          error={reset.error}
          submit="Reset password"
          busy={reset.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}
