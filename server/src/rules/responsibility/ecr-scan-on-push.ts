import type { Change, FixProposal } from '../../edits/changes';
import { editableMap, isUnconditional, literalIn, setProperty } from '../../edits/propose';
import type { Resource } from '../../model/template';
import { truthOf, type Outcome } from '../../model/values';
import { combinations } from '../branches';
import {
  CLOUDFORMATION_REGISTRY,
  registryScans,
  TERRAFORM_REGISTRY,
  type Coverage,
  type RegistryNames,
} from '../ecr-registry-scanning';
import { blocks } from '../terraform';
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
      absent: `{{setting}} is not set, and AWS’s default is false, ${WHY}`,
      disabled: `{{name}} is false, ${WHY}`,
    },
    rationale:
      'AWS runs the registry; the operating-system packages and libraries inside an image are the customer’s side ' +
      'of the shared-responsibility model. Scanning on push lists the known CVEs in every image as it arrives, so ' +
      'a vulnerable base image is seen before it is deployed rather than after it is exploited. Basic scanning is ' +
      'free. An account may instead scan the whole registry (basic scan-on-push filters, or enhanced scanning with ' +
      'Amazon Inspector), which overrides the repository setting: a registry scanning configuration in the same ' +
      'template that matches the repository passes it, but one configured elsewhere cannot be seen, hence a warning.',
    remediation:
      'Set ImageScanningConfiguration: { ScanOnPush: true } (Terraform: image_scanning_configuration.scan_on_push), ' +
      'and act on the findings; or scan the registry with a rule whose filter matches the repository ' +
      '(AWS::ECR::RegistryScanningConfiguration, aws_ecr_registry_scanning_configuration), or suppress this rule ' +
      'naming the registry configuration that covers it.',
    references: [
      { tool: 'checkov', id: 'CKV_AWS_163', match: 'equivalent', name: 'Ensure ECR image scanning on push is enabled' },
      { tool: 'trivy', id: 'AVD-AWS-0030', match: 'equivalent', name: 'aws-ecr-enable-image-scans' },
      { tool: 'kics', id: '9025b2b3-e554-4842-ba87-db7aeec36d35', match: 'equivalent', name: 'Unscanned ECR Image' },
    ],
    fix: 'safe',
    cdk: 'imageScanOnPush: true',
  },
  visitors: {
    // A registry's scanning configuration has no visitor: scanning the repositories it matches is a reason not to
    // report them, not a finding of its own.
    cloudformation: {
      'AWS::ECR::Repository': (resource, context) => checkRepository(resource, context, CLOUDFORMATION),
    },
    terraform: {
      aws_ecr_repository: (resource, context) => checkRepository(resource, context, TERRAFORM),
    },
  },
} satisfies Rule<MessageId>;

/** How each dialect names the configuration, the flag, and the registry-wide alternative. */
interface Names {
  readonly config: string;
  readonly scan: string;
  readonly registry: RegistryNames;
  /** Nested blocks (`.tf.json` objects or arrays, arrays in plans) rather than a property map. */
  readonly blocks: boolean;
}

const CLOUDFORMATION: Names = {
  config: 'ImageScanningConfiguration',
  scan: 'ScanOnPush',
  registry: CLOUDFORMATION_REGISTRY,
  blocks: false,
};
const TERRAFORM: Names = {
  config: 'image_scanning_configuration',
  scan: 'scan_on_push',
  registry: TERRAFORM_REGISTRY,
  blocks: true,
};

function checkRepository(resource: Resource, context: RuleContext<MessageId>, names: Names): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  const configs = names.blocks ? blocks(values, properties, names.config) : values.lookup(properties, names.config);
  const scans = values.lookup(configs, names.scan);
  const fixable = isUnconditional(configs) && isUnconditional(scans);
  const data = { setting: `${names.config}.${names.scan}`, name: names.scan };
  // Worked out only when there is something to report: most templates have no registry configuration.
  let covered: Coverage | undefined;
  const scannedByRegistry = (): boolean => (covered ??= registryScans(resource, context, names.registry)) !== 'no';
  for (const [config, scan] of combinations([configs, scans])) {
    if (config === undefined || scan === undefined) continue;
    if (scan.kind === 'absent') {
      if (scannedByRegistry()) continue;
      const fixes = fixable ? addFix(resource, config, names) : [];
      context.report({ node: scan.node, messageId: 'absent', data, via: scan.via, fixes });
    } else if (truthOf(scan) === false) {
      if (scannedByRegistry()) continue;
      const literal = fixable ? literalIn(scan, resource) : undefined;
      const fixes: FixProposal[] =
        literal === undefined
          ? []
          : [{ ...overrule(names), changes: [{ kind: 'replace', node: literal, value: true }] }];
      context.report({ node: scan.node, messageId: 'disabled', data, via: scan.via, fixes });
    }
  }
}

/**
 * Turning scans on where nothing was said is safe: basic scans are free, and neither pushes nor pulls change.
 * Overruling an explicit false is a person's call.
 */
function add(names: Names): Omit<FixProposal, 'changes'> {
  return { title: `Scan images on push (${names.scan}: true)`, safe: true };
}

function overrule(names: Names): Omit<FixProposal, 'changes'> {
  return { title: `Scan images on push (${names.scan}: true) — overrules an explicit false`, safe: false };
}

/** Adds the flag inside an existing configuration map, or the whole configuration where it is missing. */
function addFix(resource: Resource, config: Outcome, names: Names): FixProposal[] {
  let change: Change | undefined;
  if (config.kind === 'absent') change = setProperty(resource, [names.config], { [names.scan]: true });
  else if (config.kind === 'map' && editableMap(config, resource)) {
    change = { kind: 'set', map: config.map, path: [names.scan], value: true };
  }
  return change === undefined ? [] : [{ ...add(names), changes: [change] }];
}
