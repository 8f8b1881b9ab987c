const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/

/** An IPv4 or IPv6 address (no brackets, no zone), checked without Node's `net`. */
export function isIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return false
  try {
    // The WHATWG URL parser validates IPv6 hosts the same way in Node and in browsers.
    return new URL(`http://[${text}]/`).hostname !== ''
  } catch {
    return false
  }
}
