import type { RefObject } from 'react'
import layout from './layout.module.css'

/** The search field of a list page; `/` focuses it (useSlashFocus on the same ref). */
export function SearchBox({
  inputRef,
  label,
  placeholder = 'Search (press /)',
  value,
  onChange,
}: {
  inputRef: RefObject<HTMLInputElement | null>
  label: string
  placeholder?: string
  value: string
  onChange: (value: string) => void
}) {
  return (
    <input
      ref={inputRef}
      type="search"
      className={layout.search}
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(e) => {
        onChange(e.target.value)
      }}
    />
  )
}

/** A choice shown under its own words, for filters whose values are codes. */
export interface FilterChoice {
  value: string
  label: string
}

/**
 * A list filter: "<label>: any" clears it. A value that came from the address bar but is not
 * among the choices stays shown, so a linked view never silently filters on something hidden.
 */
export function FilterPicker({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string
  options: readonly (string | FilterChoice)[]
  onChange: (value: string) => void
}) {
  const choices = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o))
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => {
        onChange(e.target.value)
      }}
    >
      <option value="">{label}: any</option>
      {value !== '' && !choices.some((c) => c.value === value) && (
        <option value={value}>{value}</option>
      )}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  )
}

/** A free-text filter of a list (its value trimmed), such as the host or user of a log. */
export function FilterField({
  label,
  placeholder = label.toLowerCase(),
  numeric = false,
  value,
  onChange,
}: {
  label: string
  placeholder?: string
  numeric?: boolean
  value: string
  onChange: (value: string) => void
}) {
  return (
    <input
      aria-label={label}
      placeholder={placeholder}
      {...(numeric ? { inputMode: 'numeric' as const } : {})}
      value={value}
      onChange={(e) => {
        onChange(e.target.value.trim())
      }}
    />
  )
}
