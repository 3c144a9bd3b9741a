/** Text into the status page's HTML: escaped, and times as <time> elements. */
import {formatUtc} from './report.js'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

/** The whole time in the attribute; in the text, the date only when it is not the page's. */
export function timeTag(iso: string, today = ''): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.startsWith(today) && today ? iso.slice(11, 16) : formatUtc(iso))}</time>`
}
