import { createContext, use, useCallback, useRef, useState, type ReactNode } from 'react'
import { Button } from './button.tsx'
import { Dialog, dialogActions, dialogBody } from './dialog.tsx'

export interface ConfirmRequest {
  title: string
  /** Names what will be destroyed. Rendered as text. */
  body: ReactNode
  confirmLabel: string
  danger?: boolean
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>

const ConfirmContext = createContext<Confirm>(() => Promise.resolve(false))

/** `const ok = await confirm({...})`: one dialog for every destructive action. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmRequest | undefined>()
  const resolver = useRef<((ok: boolean) => void) | undefined>(undefined)
  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false)
        resolver.current = resolve
        setRequest(next)
      }),
    [],
  )
  const settle = (ok: boolean) => {
    resolver.current?.(ok)
    resolver.current = undefined
    setRequest(undefined)
  }
  return (
    <ConfirmContext value={confirm}>
      {children}
      <Dialog
        open={request !== undefined}
        title={request?.title ?? ''}
        onClose={() => {
          settle(false)
        }}
      >
        <div className={dialogBody}>{request?.body}</div>
        <div className={dialogActions}>
          <Button
            onClick={() => {
              settle(false)
            }}
          >
            Cancel
          </Button>
          <Button
            variant={request?.danger ? 'danger' : 'primary'}
            onClick={() => {
              settle(true)
            }}
          >
            {request?.confirmLabel}
          </Button>
        </div>
      </Dialog>
    </ConfirmContext>
  )
}

export function useConfirm(): Confirm {
  return use(ConfirmContext)
}
