// What reading a CDK cloud assembly (`cdk.out`) gives: every template to lint, as CDK, with the way back from a
// logical id to the construct and the line of the CDK app that created it.

/** Where a construct was created in the CDK app: the first frame of its creation stack that is the user's. */
export interface SourceLocation {
  /** Absolute path of the source file (`.ts` when a `.js.map` led back to it). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, UTF-16 units. */
  readonly column: number;
  /** True when the resource itself had no user frame and this is its nearest ancestor construct's. */
  readonly approximate: boolean;
}

export interface ResourceOrigin {
  /** The construct path, with its leading `/` (`/InfraStack/AdminSg/Resource`). */
  readonly constructPath: string;
  readonly source: SourceLocation | undefined;
}

export interface CdkTemplate {
  /** Absolute path of the template file. */
  readonly file: string;
  /** The stack's display name (`Prod/Api` for a stack in a Stage), or the nested stack's construct path. */
  readonly displayName: string;
  /** The template's resources, by logical id. */
  readonly origins: ReadonlyMap<string, ResourceOrigin>;
}

/** A finding the synth itself recorded (`validation-report.json`: CloudFormation Validate, cdk-nag). */
export interface ValidationFinding {
  /** Who reported it, as the report names the plugin (`cdk-nag`, …). */
  readonly tool: string;
  readonly ruleId: string;
  readonly message: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly constructPath: string | undefined;
  readonly template: string | undefined;
  readonly logicalId: string | undefined;
}

export interface CdkAssembly {
  /** Absolute path of the `cdk.out` directory. */
  readonly outdir: string;
  /** The CDK app's directory (where `cdk.json` is, else `cdk.out`'s parent): source paths are shown relative to it. */
  readonly appRoot: string;
  /** Every template once: top-level stacks, stacks of Stages at any depth, nested stacks. */
  readonly templates: readonly CdkTemplate[];
  readonly validation: readonly ValidationFinding[];
  /** What could not be read (a missing template, a broken manifest), each with its file. */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}
