import type { ReactNode } from 'react'
import { ApiRequestError, errorMessage } from '../platform/api-client.ts'
import { Button } from './button.tsx'
import styles from './states.module.css'

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.spinner} role="status" aria-live="polite">
      <span className={styles.spinnerDot} aria-hidden="true" />
      {label}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.emptyState}>
      <p className={styles.emptyTitle}>{title}</p>
      {children}
    </div>
  )
}

/**
 * An error in the server's (and the engine's) own words, with a way to try again; a view the
 * engine's API version lacks (`engine_unsupported`) is said plainly, with nothing to retry.
 */
export function ErrorState({
  title = 'Something went wrong',
  error,
  onRetry,
}: {
  title?: string
  error: unknown
  onRetry?: () => void
}) {
  // A view the host's engine API version cannot serve is no failure: say so, calmly and once.
  if (error instanceof ApiRequestError && error.code === 'engine_unsupported') {
    return <EmptyState title="Not available on this engine">{error.message}</EmptyState>
  }
  return (
    <div className={styles.errorState} role="alert">
      <p className={styles.emptyTitle}>{title}</p>
      <p className={styles.errorText}>{errorMessage(error)}</p>
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </div>
  )
}

/**
 * A refresh failed while the last answer is still on screen: keep it there and say so, rather
 * than swap a whole table for an error because one re-read failed (an engine restarting, say).
 */
export function RefreshFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className={styles.refreshFailed} role="alert">
      <span>Could not refresh: {errorMessage(error)}. Showing what was last read.</span>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  )
}
