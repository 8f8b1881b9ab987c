import { clsx } from 'clsx'
import { useEffect, useRef, type ReactNode } from 'react'
import styles from './dialog.module.css'

/** The row of a dialog's buttons, at its right. */
export const dialogActions = styles.actions
/** A dialog's text (a confirmation's question). */
export const dialogBody = styles.body

/** A modal on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({
  open,
  title,
  onClose,
  children,
  wide,
}: {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={clsx(styles.dialog, wide === true && styles.wide)}
      aria-label={title}
      onClose={onClose}
      onCancel={onClose}
    >
      {open && (
        <>
          <h2 className={styles.title}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  )
}
