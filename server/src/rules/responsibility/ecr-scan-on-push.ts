import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import type { Rule, RuleContext } from '../types';

type MessageId = 'absent' | 'disabled';

const WHY =
  'so images are not checked for known vulnerabilities when they are pushed, and vulnerable software ships ' +
  'unnoticed; keeping the software in images patched is the customer’s job; registry-level enhanced scanning, ' +
  'which a template cannot show, would cover it.';

export const ecrScanOnPush = {
  meta: {
    id: 'responsibility/ecr-scan-on-push',
    title: 'ECR repositories scan images on push',
    severity: 'warning',
    responsibility: 'application',
    messages: {
      absent: `ImageScanningConfiguration.ScanOnPush is not set, and AWS’s default is false, ${WHY}`,
      disabled: `ScanOnPush is false, ${WHY}`,
    },
    rationale:
      'AWS runs the registry; the operating-system packages and libraries inside an image are the customer’s side ' +
      'of the shared-responsibility model. Scanning on push lists the known CVEs in every image as it arrives, so ' +
      'a vulnerable base image is seen before it is deployed rather than after it is exploited. Basic scanning is ' +
      'free. An account may instead turn on enhanced scanning (Amazon Inspector) for the whole registry, which ' +
      'overrides the repository setting; a template cannot show that, hence a warning.',
    remediation:
      'Set ImageScanningConfiguration: { ScanOnPush: true }, and act on the findings (or turn on enhanced ' +
      'scanning for the registry, and suppress this rule with that reason).',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_163', match: 'equivalent', name: 'Ensure ECR image scanning on push is enabled' },
      { tool: 'trivy', id: 'AVD-AWS-0030', match: 'equivalent', name: 'aws-ecr-enable-image-scans' },
      { tool: 'kics', id: '9025b2b3-e554-4842-ba87-db7aeec36d35', match: 'equivalent', name: 'Unscanned ECR Image' },
    ],
    fix: 'safe',
  },
  visitors: {
    cloudformation: { 'AWS::ECR::Repository': checkRepository },
  },
} satisfies Rule<MessageId>;

/**
 * Turning scans on where nothing was said is safe: basic scans are free, and neither pushes nor pulls change.
 * Overruling an explicit false is a person's call.
 */
const ADD = { title: 'Scan images on push (ScanOnPush: true)', safe: true };
const OVERRULE = { title: 'Scan images on push (ScanOnPush: true) — overrules an explicit false', safe: false };

function checkRepository(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const configs = values.lookup(properties, 'ImageScanningConfiguration');
  const scans = values.lookup(configs, 'ScanOnPush');
  const fixable = isUnconditional(configs) && isUnconditional(scans);
  for (const [config, scan] of combinations([configs, scans])) {
    if (config === undefined || scan === undefined) continue;
    if (scan.kind === 'absent') {
      const fixes = fixable ? addFix(resource, config) : [];
      context.report({ node: scan.node, messageId: 'absent', via: scan.via, fixes });
    } else if (truthOf(scan) === false) {
      const literal = fixable ? literalIn(scan, resource) : undefined;
      const fixes: FixProposal[] =
        literal === undefined ? [] : [{ ...OVERRULE, changes: [{ kind: 'replace', node: literal, value: true }] }];
      context.report({ node: scan.node, messageId: 'disabled', via: scan.via, fixes });
    }
  }
}

/** Adds ScanOnPush: true inside an existing configuration map, or the whole configuration where it is missing. */
function addFix(resource: Resource, config: Outcome): FixProposal[] {
  let change: Change | undefined;
  if (config.kind === 'absent') change = setProperty(resource, ['ImageScanningConfiguration'], { ScanOnPush: true });
  else if (config.kind === 'map' && editableMap(config, resource)) {
    change = { kind: 'set', map: config.map, path: ['ScanOnPush'], value: true };
  }
  return change === undefined ? [] : [{ ...ADD, changes: [change] }];
}
