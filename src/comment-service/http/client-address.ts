/**
 * Who posted, as far as the service needs to know: the client's address for the rate limit, and
 * for storage only a keyed hash of its network (IPv4 /24, IPv6 /48), so that neither the file nor
 * the file with its key gives back a reader's address.
 */
import ipaddr from 'ipaddr.js';

const networkBits = { ipv4: 24, ipv6: 48 } as const;

/** The network an address belongs to (`192.0.2.0/24`, `2001:db8:1::/48`); anything unparseable as it is. */
export function addressNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  const bits = networkBits[parsed.kind()];
  const network =
    parsed.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${parsed.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/${bits}`);
  return `${network.toString()}/${bits}`;
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** HMAC-SHA-256 of the client's network under a key kept outside the database. */
export function addressHasher(key: string): (address: string) => Promise<string> {
  const cryptoKey = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return async (address) =>
    toHex(await crypto.subtle.sign('HMAC', await cryptoKey, new TextEncoder().encode(addressNetwork(address))));
}

export type ProxyRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses an address (`10.0.0.1`) or a CIDR range (`10.0.0.0/8`); null when it is neither. */
export function parseProxyRange(text: string): ProxyRange | null {
  // Only dotted quads and IPv6: ipaddr.js would also read "1" as 0.0.0.1.
  const address = text.split('/')[0]!;
  if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !ipaddr.IPv6.isValid(address)) return null;
  try {
    if (text.includes('/')) return ipaddr.parseCIDR(text);
    const address = ipaddr.process(text);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

function isTrusted(address: string, proxies: readonly ProxyRange[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return proxies.some(([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits));
}

/**
 * The client's address: the peer's, unless the peer is a trusted proxy; then the X-Forwarded-For
 * entries are read from the right, past every trusted proxy, to the first address that is not one.
 * A peer that is not trusted cannot choose the address it is counted under.
 */
export function clientAddressOf(
  peer: string,
  forwardedFor: string | undefined,
  proxies: readonly ProxyRange[],
): string {
  if (!isTrusted(peer, proxies)) return peer;
  // Only addresses count: anything else a proxy passed on ("unknown", a host name, garbage) is skipped,
  // so that no made-up value becomes a client of its own with a rate limit of its own.
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => ipaddr.IPv4.isValidFourPartDecimal(part) || ipaddr.IPv6.isValid(part));
  for (let index = hops.length - 1; index >= 0; index--) {
    if (!isTrusted(hops[index]!, proxies)) return hops[index]!;
  }
  return hops[0] ?? peer;
}
