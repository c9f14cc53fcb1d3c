/**
 * A base must be an absolute http(s) URL whose host a request can go to: a name of letters,
 * digits, `-`, `.`, `_`, `~` (non-ASCII letters too: IDN), or an IPv6 literal `[::1]`; then an
 * optional numeric port, then the end or `/`, `?`, `#`. Anything else inside the host (a space,
 * `<`, `%`, `\`, a userinfo `user:pass@`) is refused: a browser would reject or reinterpret it,
 * and `https://api.example.com@evil.com` would go to evil.com.
 */
export const isHttpBase = (base: string): boolean => /^https?:\/\/(\[[\da-f:.]+\]|([\w.~-]|[^\0-\x7f\s])+)(:\d{0,5})?([/?#]|$)/i.test(base)

/**
 * Joins a relative `url` to `base` with exactly one `/`, keeping the base's path and the url's
 * query and hash (the base's own query and hash are dropped). No base: the url as it is.
 */
export function resolveUrl(url: string, base?: string): string {
  // Absolute: `//host`, `scheme://` (any case), `blob:` or `data:`. Anything else is relative, so
  // `localhost:8080/x`, `@evil.com/x` and `\\evil.com` stay on the base's host. (The pattern is
  // written here, not in a named const: fewer bytes.)
  if (!base || /^([a-z][a-z\d+.-]*:)?\/\/|^(blob|data):/i.test(url)) return url
  return base.replace(/[?#].*/, '').replace(/\/+$/, '') + '/' + url.replace(/^[/\\]+/, '')
}

/**
 * Resolves `location` (a tus server's `Location`) against `base` (the endpoint) as a browser
 * would: absolute as it is, `//host…` with the base's scheme, `/path` on the base's origin, else
 * beside the base's last segment. A base without an origin keeps a `/path` as it is.
 */
export function resolveLocation(location: string, base: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(location)) return location
  const [, scheme = '', origin = ''] = /^([a-z][a-z\d+.-]*:)?(\/\/[^/?#]*)?/i.exec(base)!
  if (location.slice(0, 2) == '//') return scheme + location
  if (location[0] == '/') return scheme + origin + location
  return base.replace(/[?#].*/, '').replace(/[^/]*$/, '') + location
}
