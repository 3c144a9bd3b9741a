/**
 * pg 8 treats sslmode=prefer, require and verify-ca as verify-full (the
 * certificate and the host name are verified), and says so on every run with
 * a ten-line SECURITY WARNING on stderr. mon keeps pg's meaning without the
 * warning: the URL pg gets says verify-full, and only when a certificate then
 * fails verification does the error say why (sslModeHint). With
 * uselibpqcompat=true pg follows libpq instead, warns nothing, and the URL
 * goes to pg as written.
 */

/** The sslmode values pg 8 verifies as verify-full (case-sensitive, as pg compares them). */
const VERIFIED_ALIAS = /([?&]sslmode=)(prefer|require|verify-ca)(?=[&#]|$)/

function libpqCompat(url: string): boolean {
  return /[?&]uselibpqcompat=true(?=[&#]|$)/.test(url)
}

/** The connection string pg is given: the same meaning, spelt so that pg does not warn. */
export function pgConnectionString(url: string): string {
  return libpqCompat(url) ? url : url.replace(VERIFIED_ALIAS, '$1verify-full')
}

/** Node's codes for a server certificate that failed verification. */
const CERTIFICATE_REJECTED = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/

/** What to add to a rejected certificate's error when the URL asked for an sslmode that libpq would not verify so strictly. */
export function sslModeHint(url: string, code: string | undefined): string {
  const mode = VERIFIED_ALIAS.exec(url)?.[2]
  if (mode === undefined || libpqCompat(url) || !CERTIFICATE_REJECTED.test(code ?? '')) return ''
  return ` (pg verifies sslmode=${mode} as verify-full; add uselibpqcompat=true to the URL for libpq's sslmode=${mode})`
}
