import { useEffect } from 'react'
import { useLocation } from 'wouter'
import { useConfirm } from '../ui/index.ts'

/**
 * While `dirty`, leaving asks first: a link inside the app (a tab, a section, the back link)
 * opens a confirmation, and closing or reloading the tab gets the browser's own prompt.
 */
export function useLeaveGuard(dirty: boolean, what: string): void {
  const confirm = useConfirm()
  const [, navigate] = useLocation()
  useEffect(() => {
    if (!dirty) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault()
    }
    // Capture on the document runs before React's handlers (on the root), so the link's own
    // navigation never starts unless the person confirms.
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null
      if (
        !(link instanceof HTMLAnchorElement) ||
        link.target !== '' ||
        link.hasAttribute('download')
      )
        return
      const url = new URL(link.href, window.location.href)
      if (url.origin !== window.location.origin) return
      event.preventDefault()
      event.stopPropagation()
      void confirm({
        title: 'Leave without saving?',
        body: `Your changes to ${what} are not saved. Leaving discards them.`,
        confirmLabel: 'Discard changes',
        danger: true,
      }).then((ok) => {
        if (ok) navigate(`${url.pathname}${url.search}`)
      })
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      document.removeEventListener('click', onClick, true)
    }
  }, [dirty, what, confirm, navigate])
}
