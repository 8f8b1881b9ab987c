import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, type SubmitEvent, useState } from 'react'
import { FormActions } from './form-actions.tsx'
import { Dialog } from './dialog.tsx'
import { useToast } from './toast.tsx'
import forms from './form.module.css'

/** A zod `safeParse` result, seen structurally so the design system needs no zod import. */
interface ParseResult {
  success: boolean
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }
}

/** The contract's complaints about a form's input, one line, or undefined when it is valid. */
export function issuesOf(result: ParseResult): string | undefined {
  if (result.success) return undefined
  return (result.error?.issues ?? [])
    .map((issue) => `${issue.path.map(String).join('.') || 'form'}: ${issue.message}`)
    .join('; ')
}

/**
 * The dialog around every "create a …" form (networks, volumes): the input's problems after the
 * first try, the server's error in its own words, a toast and a list refresh once created.
 */
export function CreateDialog<T>({
  title,
  problem,
  create,
  createdTitle,
  refreshKey,
  onClose,
  children,
}: {
  title: string
  /** Why the input cannot be sent yet (from {@link issuesOf}); shown after the first submit. */
  problem: string | undefined
  create: () => Promise<T>
  createdTitle: (created: T) => string
  refreshKey: readonly unknown[]
  onClose: () => void
  children: ReactNode
}) {
  const queryClient = useQueryClient()
  const toast = useToast()
  const [touched, setTouched] = useState(false)
  const mutation = useMutation({
    mutationFn: create,
    onSuccess: (created) => {
      toast({ tone: 'ok', title: createdTitle(created) })
      onClose()
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: refreshKey }),
  })
  const handleSubmit = (event: SubmitEvent) => {
    event.preventDefault()
    setTouched(true)
    if (problem === undefined) mutation.mutate()
  }
  return (
    <Dialog open title={title} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        {children}
        {touched && problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
        <FormActions
          error={mutation.error}
          submit="Create"
          busy={mutation.isPending}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

/** A labelled text input (or textarea) bound to one string, its problem (if any) under it. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  multiline,
  error,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  multiline?: boolean
  error?: string | undefined
}) {
  const props = {
    value,
    placeholder,
    'aria-invalid': error !== undefined,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value)
    },
  }
  return (
    <label className={forms.field}>
      <span>{label}</span>
      {multiline ? <textarea rows={3} {...props} /> : <input {...props} />}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
    </label>
  )
}
