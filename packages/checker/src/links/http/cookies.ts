/**
 * The cookies of one URL's redirect chain. Many publishers set a session cookie and redirect to the same
 * page again; without sending it back the chain would look like a loop. Nothing outlives the check of
 * one URL, and only name=value pairs are kept (no paths or expiry: the chain is short-lived).
 */
export class CookieJar {
  private readonly cookies: { domain: string; hostOnly: boolean; name: string; value: string }[] = [];

  store(hostname: string, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const domainAttr = attributes
        .map((a) => a.trim())
        .find((a) => a.toLowerCase().startsWith('domain='))
        ?.slice(7)
        .replace(/^\./, '')
        .toLowerCase();
      // A cookie may only be set for the host itself or a domain it belongs to.
      const domain = domainAttr && domainMatches(hostname, domainAttr) ? domainAttr : hostname;
      const hostOnly = domain === hostname && !domainAttr;
      const existing = this.cookies.findIndex((c) => c.name === name && c.domain === domain);
      if (existing !== -1) this.cookies.splice(existing, 1);
      this.cookies.push({ domain, hostOnly, name, value });
    }
  }

  /** The Cookie header for a request to this host, or undefined. */
  header(hostname: string): string | undefined {
    const pairs = this.cookies
      .filter((c) => (c.hostOnly ? c.domain === hostname : domainMatches(hostname, c.domain)))
      .map((c) => `${c.name}=${c.value}`);
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }
}

function domainMatches(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`);
}
