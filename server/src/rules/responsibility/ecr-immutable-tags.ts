import type { FixProposal } from '../../edits/changes';
import { isUnconditional, propertyFix } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import type { Rule, RuleContext } from '../types';

type MessageId = 'absent' | 'mutable';

const WHY =
  'so anyone who can push may replace the image behind a tag, and what runs under that tag can change without a ' +
  'deployment, an audit trail or a way back; knowing which software runs is the customer’s job.';

export const ecrImmutableTags = {
  meta: {
    id: 'responsibility/ecr-immutable-tags',
    title: 'ECR repositories keep image tags immutable',
    severity: 'warning',
    responsibility: 'application',
    messages: {
      absent: `{{setting}} is not set, and AWS’s default is MUTABLE, ${WHY}`,
      mutable: `{{setting}} is MUTABLE, ${WHY}`,
    },
    rationale:
      'The software in a container image is the customer’s side of the shared-responsibility model. With mutable ' +
      'tags, pushing an image under an existing tag (v1.4, prod) silently replaces it: a compromised pipeline or ' +
      'credential can swap the code every service pulls by that tag, a rollback to the tag no longer restores the ' +
      'old code, and an audit cannot tell which image ran. Immutable tags make every tag name one image for good.',
    remediation:
      'Set ImageTagMutability: IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION, with ImageTagMutabilityExclusionFilters for ' +
      'tags such as latest that a pipeline must move) and give every build a unique tag, such as the commit id.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_51', match: 'equivalent', name: 'Ensure ECR Image Tags are immutable' },
      { tool: 'trivy', id: 'AVD-AWS-0031', match: 'equivalent', name: 'aws-ecr-enforce-immutable-repository' },
      {
        tool: 'kics',
        id: '33f41d31-86b1-46a4-81f7-9c9a671f59ac',
        match: 'equivalent',
        name: 'ECR Image Tag Not Immutable',
      },
    ],
    fix: 'suggestion',
    cdk: 'imageTagMutability: ecr.TagMutability.IMMUTABLE',
  },
  visitors: {
    cloudformation: {
      'AWS::ECR::Repository': (resource, context) => checkRepository(resource, context, 'ImageTagMutability'),
    },
    // The AWS provider defaults image_tag_mutability to MUTABLE, as AWS does.
    terraform: {
      aws_ecr_repository: (resource, context) => checkRepository(resource, context, 'image_tag_mutability'),
    },
  },
} satisfies Rule<MessageId>;

/** `name`: the property as the template's dialect names it. */
function checkRepository(resource: Resource, context: RuleContext<MessageId>, name: string): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const settings = values.lookup(properties, name);
  const fixable = isUnconditional(settings);
  // The setting updates in place (it is not create-only), but pipelines that re-push a tag will fail.
  const fix = {
    title: `Make image tags immutable (${name}: IMMUTABLE) — pushes that reuse a tag will fail`,
    safe: false,
  };
  const data = { setting: name };
  for (const setting of settings) {
    const fixes: FixProposal[] = fixable ? propertyFix(resource, name, setting, 'IMMUTABLE', fix) : [];
    if (setting.kind === 'absent') {
      context.report({ node: setting.node, messageId: 'absent', data, via: setting.via, fixes });
    } else if (stringOf(setting) === 'MUTABLE') {
      // MUTABLE_WITH_EXCLUSION and the IMMUTABLE kinds are deliberate, partial or full immutability: accepted.
      context.report({ node: setting.node, messageId: 'mutable', data, via: setting.via, fixes });
    }
  }
}
