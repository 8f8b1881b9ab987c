import { clsx } from 'clsx'
import styles from './banner.module.css'

/**
 * The classes of a banner: a line across a page (or the shell) that says what is wrong, or
 * (`info`) what an action will and will not do.
 */
export function bannerClass(tone: 'bad' | 'warn' | 'info', className?: string): string {
  return clsx(styles.banner, styles[tone], className)
}
