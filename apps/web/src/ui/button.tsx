import { clsx } from 'clsx'
import type { ButtonHTMLAttributes } from 'react'
import styles from './button.module.css'

type Variant = 'default' | 'primary' | 'danger' | 'ghost'

const VARIANTS: Record<Variant, string | undefined> = {
  default: undefined,
  primary: styles.primary,
  danger: styles.danger,
  ghost: styles.ghost,
}

/** A button's classes, for a link or a plain button that should look like one. */
export function buttonClass(variant: Variant = 'default'): string {
  return clsx(styles.btn, VARIANTS[variant])
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  busy?: boolean
}

/** A button; `busy` disables it and marks it for assistive technology. */
export function Button({ variant = 'default', busy, className, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={clsx(buttonClass(variant), className)}
      disabled={disabled === true || busy === true}
      aria-busy={busy === true ? true : undefined}
    />
  )
}
