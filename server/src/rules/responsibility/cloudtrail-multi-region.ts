import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'missing' | 'disabled';

const EFFECT =
  'so the trail records only the region its stack is deployed in, and resources started in any other region — where ' +
  'an intruder goes to stay unseen — leave no record.';

export const cloudtrailMultiRegion = {
  meta: {
    id: 'responsibility/cloudtrail-multi-region',
    title: 'CloudTrail trails record every region',
    severity: 'warning',
    responsibility: 'data',
    messages: {
      missing: `{{setting}} is not set, and a trail covers one region unless asked, ${EFFECT}`,
      disabled: `{{setting}} is false, ${EFFECT}`,
    },
    rationale:
      'AWS records the API calls only where a trail asks; deciding what is recorded is the customer’s side of the ' +
      'shared-responsibility model. Attackers with stolen keys often start instances (for mining) or create users in a ' +
      'region the account never uses, precisely because a single-region trail does not see them. A multi-region trail ' +
      'also records global-service events (IAM, STS, CloudFront) once.',
    remediation:
      'Set IsMultiRegionTrail: true (and keep IncludeGlobalServiceEvents true). The trail then delivers events from ' +
      'every region to the same bucket, so volume and cost grow with activity elsewhere; regions the account does not ' +
      'use can instead be closed with an SCP, which this rule cannot see.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_67', match: 'equivalent' },
      { tool: 'trivy', id: 'AVD-AWS-0014', match: 'equivalent', name: 'aws-cloudtrail-enable-all-regions' },
      {
        tool: 'kics',
        id: '8173d5eb-96b5-4aa6-a71b-ecfa153c123d',
        match: 'equivalent',
        name: 'Terraform: CloudTrail Multi Region Disabled',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: {
      'AWS::CloudTrail::Trail': (trail, context) => checkTrail(trail, context, 'IsMultiRegionTrail'),
    },
    // The AWS provider leaves is_multi_region_trail false when it is absent, as CloudTrail does.
    terraform: {
      aws_cloudtrail: (trail, context) => checkTrail(trail, context, 'is_multi_region_trail'),
    },
  },
} satisfies Rule<MessageId>;

/** `setting`: the property as the template's dialect names it. */
function checkTrail(trail: Resource, context: RuleContext<MessageId>, setting: string): void {
  const values = context.values;
  const regions = values.lookup(values.resolve(trail.properties, trail.anchor), setting);
  // Recording more regions changes what is delivered and billed, so the fix is a suggestion even where absent.
  const fixable = isUnconditional(regions);
  const title = `Record every region (${setting}: true) — more events to store and pay for`;
  for (const region of regions) {
    const messageId = region.kind === 'absent' ? 'missing' : truthOf(region) === false ? 'disabled' : undefined;
    if (messageId === undefined) continue;
    const fixes = fixable ? propertyFix(trail, setting, region, true, { title, safe: false }) : [];
    context.report({ node: region.node, messageId, data: { setting }, via: region.via, fixes });
  }
}
