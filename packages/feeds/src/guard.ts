import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { AkhbarError } from '@akhbar/core';
import { FeedErrors } from './errors.ts';

/**
 * The SSRF guard. Feeds are URLs typed in by users (or found in OPML files and redirects), so an
 * unguarded fetcher is a proxy into the host's own network: cloud metadata at 169.254.169.254,
 * Redis on loopback, admin panels on 10/8. The check runs where the socket is opened, on the
 * address actually dialled, for every connection (each redirect hop opens or reuses one); a
 * host name that resolved to a public address for a pre-check and to a private one a moment
 * later (DNS rebinding) is therefore still refused. IP literals never reach `lookup`, so the
 * connector checks them itself.
 */

export interface AddressPolicy {
  /** Allow every non-public address (tests, the demo, a private deployment). @default false */
  allowPrivate?: boolean;
  /** Addresses allowed although non-public, in CIDR notation ("10.1.2.0/24", "fd00::/8"). */
  allowCidrs?: readonly string[];
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Unwrap IPv4-mapped IPv6 (::ffff:127.0.0.1) so it is judged as the IPv4 it reaches. */
function parseIp(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return undefined;
  const addr = ipaddr.parse(bare);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) return (addr as ipaddr.IPv6).toIPv4Address();
  return addr;
}

/**
 * True when an IP literal is a public unicast address. Everything ipaddr.js classifies otherwise
 * is refused: loopback, private, link-local, CGNAT (100.64/10), unspecified, broadcast,
 * multicast, reserved/documentation, unique-local, and the IPv6 forms that embed an IPv4
 * address (NAT64, 6to4, Teredo), since those can reach a private IPv4 host.
 */
export function isPublicAddress(ip: string): boolean {
  const addr = parseIp(ip);
  return addr !== undefined && addr.range() === 'unicast';
}

function compileCidrs(cidrs: readonly string[] | undefined): Cidr[] {
  return (cidrs ?? []).map((c) => {
    try {
      const [addr, bits] = ipaddr.parseCIDR(c.trim());
      return [addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr, bits] as Cidr;
    } catch (cause) {
      throw new AkhbarError(FeedErrors.BAD_URL, `not a CIDR range: ${c}`, { permanent: true, cause });
    }
  });
}

/** Decide one address under a policy. */
export function addressAllowed(ip: string, policy: AddressPolicy = {}, compiled = compileCidrs(policy.allowCidrs)): boolean {
  if (policy.allowPrivate) return parseIp(ip) !== undefined;
  const addr = parseIp(ip);
  if (!addr) return false;
  if (addr.range() === 'unicast') return true;
  return compiled.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

function refusal(address: string, host: string): AkhbarError {
  return new AkhbarError(FeedErrors.PRIVATE_ADDRESS, `refusing to connect to non-public address ${address}${host !== address ? ` (${host})` : ''}`, {
    permanent: true,
    details: { address, host },
  });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFn = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for the socket layer that refuses a name when any of its addresses is not allowed
 * (an attacker controls which of several A records a client tries). `resolve` replaces DNS in
 * tests that need a name pointing at a chosen address.
 */
export function guardedLookup(policy: AddressPolicy = {}, resolve: LookupFn = dnsLookup as unknown as LookupFn): LookupFn {
  const compiled = compileCidrs(policy.allowCidrs);
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]) as LookupAddress[];
      const bad = list.find((a) => !addressAllowed(a.address, policy, compiled));
      if (bad) return callback(refusal(bad.address, hostname) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** An undici `connect` function that applies the policy to IP literals and resolved names alike. */
export function guardedConnector(policy: AddressPolicy = {}, opts: { timeoutMs?: number; resolve?: LookupFn } = {}): buildConnector.connector {
  const compiled = compileCidrs(policy.allowCidrs);
  const base = buildConnector({ timeout: opts.timeoutMs ?? 10_000, lookup: guardedLookup(policy, opts.resolve) } as buildConnector.BuildOptions);
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && !addressAllowed(host, policy, compiled)) {
      callback(refusal(host, host), null);
      return;
    }
    base(options, callback as (err: Error | null, socket: Socket | null) => void);
  };
}
