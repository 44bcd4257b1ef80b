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

/**
 * Files that the baseline (js-yaml with the CloudFormation tags, or JSON.parse) rejects, each with the outcome
 * it must have. Listed so that a new unreadable file fails the sweep until someone looks at it. The corpus has
 * none today: Rain sources and the Rules section's short forms are read, as cfn-lint reads them.
 */
export const UNREADABLE: ReadonlyMap<string, Unreadable> = new Map();

/** Templates whose source tree breaks an invariant for a known reason; the sweep fails when one starts passing. */
export const KNOWN_TREE_PROBLEMS: ReadonlyMap<string, string> = new Map();
