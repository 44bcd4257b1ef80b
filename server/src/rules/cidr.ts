/** Address ranges as security-group and network-ACL rules write them: which one lets in the whole internet. */

/** The properties that hold a rule's range, one per address family. */
export const CIDR_KEYS = ['CidrIp', 'CidrIpv6'] as const;
export type CidrKey = (typeof CIDR_KEYS)[number];

/**
 * Whether a CIDR admits every address of its family. EC2 masks host bits, so any address with prefix length 0
 * (`10.1.2.3/0`, `2001:db8::/0`) deploys as 0.0.0.0/0 or ::/0, whatever the spelling (`::0/0`, `0:0:0:0:0:0:0:0/0`).
 */
export function isWholeInternet(key: CidrKey, cidr: string): boolean {
  // The usual spellings, answered without splitting (every open rule of a lint is checked with each firewall rule).
  if (cidr === '0.0.0.0/0') return key === 'CidrIp';
  if (cidr === '::/0') return key === 'CidrIpv6';
  const slash = cidr.lastIndexOf('/');
  if (slash === -1 || cidr.slice(slash + 1) !== '0') return false;
  const address = cidr.slice(0, slash);
  return key === 'CidrIp' ? isIpv4(address) : isIpv6(address);
}

function isIpv4(address: string): boolean {
  const parts = address.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(address: string): boolean {
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  let count = groups.length;
  // An IPv4 tail (`::ffff:1.2.3.4`) fills the last two groups.
  if (groups.at(-1)?.includes('.') === true) {
    if (!isIpv4(groups.pop() as string)) return false;
    count++;
  }
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}
