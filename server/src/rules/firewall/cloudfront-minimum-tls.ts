import type { FixProposal } from '../../edits/changes';
import { editableMap, literalIn } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import { distributionSettings } from '../cloudfront';
import { isUnset, members } from '../terraform-links';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'outdated';

/** Security policies older than TLSv1.2_2019, with what each still lets a viewer negotiate. */
const OUTDATED: Readonly<Record<string, string>> = {
  SSLv3: 'SSLv3, TLS 1.0 and TLS 1.1',
  TLSv1: 'TLS 1.0 and TLS 1.1',
  TLSv1_2016: 'TLS 1.0 and TLS 1.1',
  'TLSv1.1_2016': 'TLS 1.1',
  'TLSv1.2_2018': 'TLS 1.2 cipher suites without forward secrecy',
};

const RECOMMENDED = 'TLSv1.2_2021';

export const cloudfrontMinimumTls = {
  meta: {
    id: 'firewall/cloudfront-minimum-tls',
    title: 'CloudFront distributions with their own certificate require TLS 1.2 from viewers',
    severity: 'warning',
    responsibility: 'firewall',
    messages: {
      missing:
        'The distribution has its own certificate but no {{setting}}, so CloudFront applies its default ' +
        'security policy TLSv1 and viewers can still connect with TLS 1.0 and TLS 1.1.',
      outdated: '{{setting}} {{version}} is older than TLSv1.2_2019: viewers can still connect with {{weakness}}.',
    },
    rationale:
      'TLS on public entry points is the customer’s side of the shared-responsibility model: CloudFront offers modern ' +
      'security policies, but a distribution with its own certificate accepts whatever its MinimumProtocolVersion ' +
      'allows, and without one that is TLSv1. TLS 1.0 and 1.1 are deprecated (RFC 8996) and admit downgrade and ' +
      'cipher attacks such as BEAST and POODLE-style padding oracles; compliance baselines (PCI DSS among them) forbid them.',
    remediation:
      'Set ViewerCertificate.MinimumProtocolVersion (in Terraform, viewer_certificate.minimum_protocol_version) to ' +
      'TLSv1.2_2021 (or a newer policy). Clients that only speak TLS 1.0/1.1 — very old browsers and embedded ' +
      'devices — can then no longer connect.',
    references: [
      // These three also report the *.cloudfront.net certificate, which this rule leaves out, so their
      // suppressions (often written for exactly that case) are not this rule's.
      { tool: 'checkov', id: 'CKV_AWS_174', match: 'related', name: 'also reports the default certificate' },
      { tool: 'cfnNag', id: 'W70', match: 'related', name: 'also reports the default certificate' },
      { tool: 'cdkNag', id: 'AwsSolutions-CFR4', match: 'related', name: 'also reports the default certificate' },
      { tool: 'trivy', id: 'AVD-AWS-0013', match: 'equivalent', name: 'aws-cloudfront-use-secure-tls-policy' },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudFront::Distribution': (resource, context) => checkDistribution(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_cloudfront_distribution: (resource, context) => checkDistribution(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the viewer certificate and its settings. */
interface Names {
  readonly certificate: string;
  readonly acm: string;
  readonly iam: string;
  readonly version: string;
}

const CLOUDFORMATION: Names = {
  certificate: 'ViewerCertificate',
  acm: 'AcmCertificateArn',
  iam: 'IamCertificateId',
  version: 'MinimumProtocolVersion',
};
const TERRAFORM: Names = {
  certificate: 'viewer_certificate',
  acm: 'acm_certificate_arn',
  iam: 'iam_certificate_id',
  version: 'minimum_protocol_version',
};

const FIX_TITLE = `Require ${RECOMMENDED} from viewers (clients limited to TLS 1.0 or 1.1 can no longer connect)`;

function checkDistribution(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  for (const certificate of members(context, distributionSettings(resource, context), names.certificate)) {
    // Without ViewerCertificate the distribution uses the *.cloudfront.net certificate, which is out of scope.
    if (certificate.kind !== 'map') continue;
    const lists = [names.acm, names.iam, names.version].map((key) => values.lookup([certificate], key));
    for (const [acm, iam, version] of combinations(lists, certificate.via)) {
      if (acm === undefined || iam === undefined || version === undefined) continue;
      // A certificate from a parameter is still a custom certificate; only its absence means the default one
      // (a plan writes an empty string for the one left out).
      if (isUnset(acm) && isUnset(iam)) continue;
      if (version.kind === 'absent') {
        context.report({
          node: version.node,
          via: version.via,
          messageId: 'missing',
          data: { setting: names.version },
          fixes: setVersion(certificate, version, resource, names),
        });
        continue;
      }
      const text = stringOf(version);
      const weakness = text === undefined ? undefined : OUTDATED[text];
      if (text === undefined || weakness === undefined) continue;
      context.report({
        node: version.node,
        via: version.via,
        messageId: 'outdated',
        data: { version: text, weakness, setting: names.version },
        fixes: replaceVersion(version, resource),
      });
    }
  }
}

/**
 * Adds the policy where it is missing, only when the finding holds in every deployment and the certificate map is
 * written in the distribution. The viewer certificate updates without interruption, but old clients lose access,
 * so the fix is a suggestion.
 */
function setVersion(certificate: Outcome, version: Outcome, resource: Resource, names: Names): FixProposal[] {
  if (certificate.kind !== 'map' || version.via.length > 0 || !editableMap(certificate, resource)) return [];
  const change = { kind: 'set' as const, map: certificate.map, path: [names.version], value: RECOMMENDED };
  return [{ title: FIX_TITLE, safe: false, changes: [change] }];
}

function replaceVersion(version: Outcome, resource: Resource): FixProposal[] {
  const literal = literalIn(version, resource);
  if (literal === undefined || version.via.length > 0) return [];
  return [{ title: FIX_TITLE, safe: false, changes: [{ kind: 'replace', node: literal, value: RECOMMENDED }] }];
}
