import type { ReactNode } from 'react'
import { forms, layout } from '../../ui/index.ts'

/** A labelled text input (or textarea), its problem under it. */
export function TextInput({
  label,
  value,
  onChange,
  error,
  placeholder,
  rows,
  disabled,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error?: string | undefined
  placeholder?: string
  /** A textarea of this many rows. */
  rows?: number
  disabled?: boolean
}) {
  const props = {
    value,
    placeholder,
    disabled,
    'aria-invalid': error !== undefined,
    onChange: (e: { target: { value: string } }) => {
      onChange(e.target.value)
    },
  }
  return (
    <label className={forms.field}>
      <span>{label}</span>
      {rows === undefined ? <input {...props} /> : <textarea rows={rows} {...props} />}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
    </label>
  )
}

/** A labelled select of fixed choices; '' is the "engine default" choice when offered. */
export function SelectInput<T extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: string
  value: T
  choices: readonly (readonly [T, string])[]
  onChange: (value: T) => void
}) {
  return (
    <label className={forms.field}>
      <span>{label}</span>
      <select
        value={value}
        onChange={(e) => {
          onChange(e.target.value as T)
        }}
      >
        {choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}

export function CheckInput({
  label,
  checked,
  onChange,
}: {
  label: string
  checked: boolean
  onChange: (value: boolean) => void
}) {
  return (
    <label className={layout.check}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => {
          onChange(e.target.checked)
        }}
      />{' '}
      {label}
    </label>
  )
}

/** A titled group of fields with its problem (if any) at the end. */
export function Section({
  title,
  error,
  className,
  children,
}: {
  title: string
  error?: string | undefined
  className?: string | undefined
  children: ReactNode
}) {
  return (
    <fieldset className={className}>
      <legend>{title}</legend>
      {children}
      {error !== undefined && <small className={forms.fieldError}>{error}</small>}
    </fieldset>
  )
}
