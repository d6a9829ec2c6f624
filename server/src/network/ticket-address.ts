// The address printed in every ticket's QR code (and in pairing links): the one the admin set on the Centre
// page, else FOLENI_PUBLIC_URL, else this machine's LAN address, read again from its network interfaces
// every 30 s so that a laptop that started before its hotspot, or whose Wi-Fi changed, follows on its own.
// Container bridges (docker0, br-*, veth*, 172.17.*) are passed over: phones cannot reach them.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { Centre } from '@foleni/shared';

export type TicketAddressSource = 'centre' | 'environment' | 'network';

export interface TicketAddressView {
  url: string;
  source: TicketAddressSource;
  /** Why phones will likely not reach it (localhost, a container bridge); null when it looks right. */
  warning: string | null;
}

type Interfaces = Record<string, NetworkInterfaceInfo[] | undefined>;

export interface TicketAddressOptions {
  /** FOLENI_PUBLIC_URL, or null to follow the network. Read on each call (tests change it once listening). */
  fixedUrl(): string | null;
  port(): number;
  centre(): Pick<Centre, 'publicUrl'>;
  now(): number;
  interfaces?: () => Interfaces;
  onChange?(from: string, to: string, warning: string | null): void;
}

/** How long a LAN address read from the interfaces is used before they are read again. */
export const REREAD_MS = 30_000;

const BRIDGE_NAME = /^(docker\d*|br-.*|veth.*|virbr\d*|cni\d*|flannel.*|podman\d*)$/;
const BRIDGE_ADDRESS = /^172\.17\./;

/** The best IPv4 address phones on the LAN may reach, and whether it is only a bridge or nothing at all. */
export function pickLanAddress(ifaces: Interfaces): { address: string; bridge: boolean } {
  let bridge: string | null = null;
  for (const [name, list] of Object.entries(ifaces)) {
    for (const net of list ?? []) {
      if (net.family !== 'IPv4' || net.internal) continue;
      if (BRIDGE_NAME.test(name) || BRIDGE_ADDRESS.test(net.address)) bridge ??= net.address;
      else return { address: net.address, bridge: false };
    }
  }
  return bridge ? { address: bridge, bridge: true } : { address: 'localhost', bridge: false };
}

/** Why the host of `url` is not one a phone can open, or null. */
export function addressWarning(url: string, bridge = false): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return `${url} is not an address`;
  }
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) {
    return `${url} is this machine only: phones cannot open the QR code. Join the centre's network (or start its hotspot), or set the address on the Centre page.`;
  }
  if (bridge || BRIDGE_ADDRESS.test(host)) {
    return `${url} is a container bridge, not the centre's network: phones cannot open the QR code. Set the address on the Centre page.`;
  }
  return null;
}

export class TicketAddress {
  private lan: { url: string; bridge: boolean; readAt: number } | null = null;
  private readonly interfaces: () => Interfaces;

  constructor(private readonly opts: TicketAddressOptions) {
    this.interfaces = opts.interfaces ?? networkInterfaces;
  }

  /** The address to print now. Cheap: the interfaces are read at most once every REREAD_MS. */
  url(): string {
    return this.current().url;
  }

  /** The address with where it comes from and why phones may not reach it (parsing it: not for every ticket). */
  view(): TicketAddressView {
    const { url, source, bridge } = this.current();
    return { url, source, warning: addressWarning(url, bridge) };
  }

  /** The one order: the Centre page's address, then FOLENI_PUBLIC_URL, then this machine's LAN address. */
  private current(): { url: string; source: TicketAddressSource; bridge: boolean } {
    const set = this.opts.centre().publicUrl;
    if (set) return { url: set, source: 'centre', bridge: false };
    const fixed = this.opts.fixedUrl();
    if (fixed) return { url: fixed, source: 'environment', bridge: false };
    const lan = this.followLan();
    return { url: lan.url, source: 'network', bridge: lan.bridge };
  }

  private followLan(): { url: string; bridge: boolean } {
    const now = this.opts.now();
    if (this.lan && now - this.lan.readAt < REREAD_MS && now >= this.lan.readAt) return this.lan;
    const { address, bridge } = pickLanAddress(this.interfaces());
    const url = `http://${address}:${this.opts.port()}`;
    const before = this.lan?.url;
    this.lan = { url, bridge, readAt: now };
    if (before !== undefined && before !== url) this.opts.onChange?.(before, url, addressWarning(url, bridge));
    return this.lan;
  }
}
