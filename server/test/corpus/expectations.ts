/**
 * What the corpus holds besides ordinary templates, found by reading each file. Paths are relative to the
 * corpus root (aws-cloudformation-templates at 142ce6f). Every entry must still match a file, so the lists
 * cannot silently go stale when the corpus or the reader changes.
 */

const AWS = 'aws-cloudformation-templates';

/** Files that are not CloudFormation templates at all: each must yield nothing (iac false, no problem). */
export const NOT_TEMPLATES: ReadonlyMap<string, string> = new Map([
  [`${AWS}/CloudFormation/CustomResources/getfromjson/bandit.json`, 'bandit (Python security linter) configuration'],
  [`${AWS}/CloudFormation/CustomResources/getfromjson/bandit.yml`, 'bandit (Python security linter) configuration'],
  // Macro test events: the template sits under `fragment`, so `Resources` is not a top-level key.
  [`${AWS}/CloudFormation/MacrosExamples/Count/event.json`, 'macro invocation event (template nested under fragment)'],
  [
    `${AWS}/CloudFormation/MacrosExamples/Count/event_bad.json`,
    'macro invocation event (template nested under fragment)',
  ],
  [`${AWS}/EKS/manifest.yml`, 'Kubernetes manifest, two YAML documents'],
  [`${AWS}/Solutions/CodeBuildAndCodePipeline/codebuild-app-build.yml`, 'CodeBuild buildspec'],
  [`${AWS}/Solutions/CodeBuildAndCodePipeline/codebuild-app-deploy.yml`, 'CodeBuild buildspec'],
]);

export interface Unreadable {
  /** `problem`: one parse problem whose message matches; `not-iac`: the failed parse hides the CloudFormation markers. */
  readonly outcome: 'problem' | 'not-iac';
  readonly message?: RegExp;
  readonly reason: string;
}

// Rain (aws-cloudformation/rain) directives are expanded by `rain pkg` before deployment; the corpus keeps
// packaged twins of some (`*-pkg.json`). cfn-lint still parses them, turning any `!X` into `Fn::X`.
const rain = (tag: 'Embed' | 'Module' | 'S3'): Unreadable => ({
  outcome: 'problem',
  message: new RegExp(`^unknown tag !Rain::${tag} in YAML$`),
  reason: `Rain source (!Rain::${tag}), deployable only after \`rain pkg\``,
});

/**
 * Files that the baseline (js-yaml with the CloudFormation tags, or JSON.parse) rejects. Listed so that a new
 * unreadable file fails the sweep until someone looks at it.
 */
export const UNREADABLE: ReadonlyMap<string, Unreadable> = new Map([
  [`${AWS}/APIGateway/apigateway_lambda_integration.yaml`, rain('Embed')],
  [`${AWS}/CloudFormation/MacrosExamples/DateFunctions/date.yaml`, rain('Embed')],
  [`${AWS}/CloudFormation/MacrosExamples/PyPlate/python.yaml`, rain('Embed')],
  [`${AWS}/CloudFormation/MacrosExamples/StringFunctions/string.yaml`, rain('Embed')],
  [`${AWS}/CloudFormation/StackSets/common-resources-stackset.yaml`, rain('Embed')],
  [`${AWS}/CloudFormation/StackSets/log-setup-management.yaml`, rain('Embed')],
  [`${AWS}/ElastiCache/Elasticache-snapshot.yaml`, rain('Embed')],
  [`${AWS}/IoT/amzn2-greengrass-cfn.yaml`, rain('Embed')],
  [`${AWS}/RainModules/api-resource.yml`, rain('S3')],
  [`${AWS}/RainModules/bucket.yml`, rain('Module')],
  [`${AWS}/RainModules/static-site.yml`, rain('Module')],
  [`${AWS}/Solutions/GitLab/GitLabServer.yaml`, rain('Module')],
  [`${AWS}/Solutions/GitLabAndVSCode/GitLabAndVSCode.yaml`, rain('Module')],
  [`${AWS}/Solutions/Gitea/Gitea.yaml`, rain('Module')],
  [`${AWS}/Solutions/VSCode/VSCodeServer.yaml`, rain('Module')],
  // The first resource is `Type: !Rain::Module …`, so no `Type: AWS::` precedes the failure and detection says no.
  [
    `${AWS}/CloudFormation/StackSets/common-resources.yaml`,
    { outcome: 'not-iac', reason: 'Rain source (!Rain::Module as a resource Type)' },
  ],
  // Genuine CloudFormation: `!ValueOf` is the short form of the rules-specific `Fn::ValueOf`, which cfn-lint
  // accepts (only W3005 here). The reader knows no rules-specific tags: a reader gap, reported to the lead.
  // When the reader learns them these two lint cleanly and the sweep says to delete these entries.
  [
    `${AWS}/AWSSupplyChain/SapPrivateLink/SapPrivateLink.yaml`,
    { outcome: 'problem', message: /^unknown tag !ValueOf in YAML$/, reason: 'reader gap: !ValueOf (Rules section)' },
  ],
  [
    `${AWS}/AWSSupplyChain/SapPrivateLink/SapPrivateLinkNoHostedZone.yaml`,
    { outcome: 'problem', message: /^unknown tag !ValueOf in YAML$/, reason: 'reader gap: !ValueOf (Rules section)' },
  ],
]);

// Reader bug, reported to the lead: a short-form tag with no value (`- !GetAZs` at the end of a line) reads as
// null, zero-length before the tag, so the sequence that holds it ends before `!GetAZs` and its parents' ranges
// end on white space. CloudFormation (and cfn-lint) read it as `{ "Fn::GetAZs": "" }`. Delete once fixed.
const EMPTY_TAG = 'reader bug: `!GetAZs` with no value is dropped, so an enclosing range ends on white space';

/** Templates whose source tree breaks an invariant for a known reason; the sweep fails when one starts passing. */
export const KNOWN_TREE_PROBLEMS: ReadonlyMap<string, string> = new Map(
  [
    'Config/Config.yaml',
    'DMS/DMSAuroraToS3FullLoadAndOngoingReplication.yaml',
    'Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy-no-igw.yaml',
    'Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy.yaml',
    'Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition-no-igw.yaml',
    'Solutions/CloudFormationEndpointSignals/cfn-endpoint-waitcondition.yaml',
    'Solutions/GitLab/GitLabServer-pkg.yaml',
    'Solutions/Gitea/Gitea-pkg.yaml',
    'Solutions/VSCode/VSCodeServer-pkg.yaml',
    'VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml',
  ].map((file) => [`${AWS}/${file}`, EMPTY_TAG]),
);
