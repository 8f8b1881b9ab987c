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

/** Toasts for finished and failed actions; failures stay until dismissed. */
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
      {children}
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
    </ToastContext>
  )
}

export function useToast(): ShowToast {
  return use(ToastContext)
}
