import { clsx } from 'clsx'
import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react'
import type { Tone } from './badge.tsx'
import styles from './toast.module.css'

// Only these tones mark a toast; the others are plain.
const TONES: Partial<Record<Tone, string>> = { ok: styles.ok, bad: styles.bad }

interface ToastItem {
  id: number
  tone: Tone
  title: string
  body?: string | undefined
}

type ShowToast = (toast: Omit<ToastItem, 'id'>) => void

const ToastContext = createContext<ShowToast>(() => undefined)

const TOAST_MS = 6000
let nextId = 1

/**
 * Toasts for finished and failed actions; failures stay until dismissed. The page scrolls in
 * the area above them and they take their own band at the bottom of the window: a toast never
 * lies over a control (a save bar at the bottom, a table's last row), it makes the page's
 * visible area shorter while it shows.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([])
  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id))
  }, [])
  const show = useCallback<ShowToast>(
    (toast) => {
      const id = nextId++
      setToasts((list) => [...list.slice(-4), { ...toast, id }])
      if (toast.tone !== 'bad') {
        setTimeout(() => {
          dismiss(id)
        }, TOAST_MS)
      }
    },
    [dismiss],
  )
  const value = useMemo(() => show, [show])
  return (
    <ToastContext value={value}>
      <div className={styles.frame}>
        <div className={styles.page}>{children}</div>
        <div className={styles.toasts} role="status" aria-live="polite">
          {toasts.map((t) => (
            <div key={t.id} className={clsx(styles.toast, TONES[t.tone])}>
              <div>
                <strong>{t.title}</strong>
                {t.body !== undefined && <p className={styles.body}>{t.body}</p>}
              </div>
              <button
                type="button"
                className={styles.close}
                aria-label="Dismiss"
                onClick={() => {
                  dismiss(t.id)
                }}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      </div>
    </ToastContext>
  )
}

export function useToast(): ShowToast {
  return use(ToastContext)
}
