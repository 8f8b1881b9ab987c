import { FitAddon } from '@xterm/addon-fit'
import { type ITheme, Terminal } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { copyText } from '../platform/clipboard.ts'

export interface XtermOptions {
  /** Applied live: a new theme object makes xterm repaint, the session stays. */
  theme: ITheme
  /** Keystrokes are not taken (an attach that only watches the output). */
  readOnly: boolean
}

/**
 * An xterm.js terminal opened in the element, fitted to it as it resizes, with the options kept
 * up to date; disposed on unmount.
 */
export function useXterm(
  paneRef: RefObject<HTMLDivElement | null>,
  { theme, readOnly }: XtermOptions,
): Terminal | null {
  const [terminal, setTerminal] = useState<Terminal | null>(null)
  // xterm is configured by assigning its options: effects do that through this ref, since what
  // a hook returns (the state above) is read-only to React.
  const instance = useRef<Terminal | null>(null)
  useEffect(() => {
    const pane = paneRef.current
    if (!pane) return
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      // What the container prints is data: no hyperlinks are opened from it.
      linkHandler: null,
    })
    // OSC 8 (hyperlinks) and OSC 52 (clipboard) from the container are swallowed, never honoured.
    const osc8 = term.parser.registerOscHandler(8, () => true)
    const osc52 = term.parser.registerOscHandler(52, () => true)
    // As in desktop terminals: Ctrl+Shift+C copies the selection (Ctrl+C stays the shell's
    // interrupt) and Ctrl+Shift+V is left to the browser, whose paste event xterm receives.
    term.attachCustomKeyEventHandler((event) => {
      if (!event.ctrlKey || !event.shiftKey) return true
      if (event.code === 'KeyC') {
        // Chromium opens its element inspector on Ctrl+Shift+C unless the page takes the key.
        event.preventDefault()
        const selection = term.getSelection()
        if (event.type === 'keydown' && selection !== '') void copyText(selection)
        return false
      }
      return event.code !== 'KeyV'
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(pane)
    fit.fit()
    const observer = new ResizeObserver(() => {
      fit.fit()
    })
    observer.observe(pane)
    instance.current = term
    setTerminal(term)
    return () => {
      observer.disconnect()
      osc8.dispose()
      osc52.dispose()
      term.dispose()
      instance.current = null
      setTerminal(null)
    }
  }, [paneRef])
  // Runs once the terminal exists (before a session's effects, which are declared later), and
  // again when an option changes.
  useEffect(() => {
    const term = instance.current
    if (!term) return
    term.options.theme = theme
    term.options.disableStdin = readOnly
  }, [terminal, theme, readOnly])
  return terminal
}
