/**
 * Copies text the user asked to copy. `navigator.clipboard` exists only in secure contexts
 * (HTTPS, localhost); a dashboard self-hosted on http://host:8080 has none, so this falls back
 * to selecting the text in an off-screen textarea and `execCommand('copy')`, which browsers
 * still honour during a click.
 * @returns whether the text reached the clipboard.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && typeof navigator.clipboard?.writeText === 'function') {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      // Refused (permissions, document not focused): the selection route may still work.
    }
  }
  return copyBySelection(text)
}

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.setAttribute('aria-hidden', 'true')
  Object.assign(area.style, { position: 'fixed', top: '0', left: '-9999px', opacity: '0' })
  const focused = document.activeElement
  document.body.append(area)
  area.focus()
  area.select()
  let copied: boolean
  try {
    // Deprecated, yet the only clipboard write outside a secure context.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    copied = typeof document.execCommand === 'function' && document.execCommand('copy')
  } catch {
    copied = false
  }
  area.remove()
  if (focused instanceof HTMLElement) focused.focus()
  return copied
}
