/**
 * Bytes queued towards one browser above which a stats socket skips a sample: stats are
 * latest-wins, so a slow browser sees fewer updates and never makes the server queue without
 * bound (at most this plus one message per socket).
 */
export const MAX_BUFFERED_BYTES = 256 * 1024
