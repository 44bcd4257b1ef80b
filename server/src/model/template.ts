import type { Format, Syntax } from '../parsing/detect';
import type { MapNode, ScalarNode, SourceNode } from '../parsing/nodes';
import type { ReferenceIndex } from './references';
import type { ValueResolver } from './values';

/** The dialect a resource is written in; rules register one visitor per dialect. */
export type Dialect = 'cloudformation' | 'terraform';

/** One resource of a template, in whatever dialect; `type` is the dialect's own type name. */
export interface Resource {
  /** Logical id (CloudFormation) or full address (Terraform). */
  readonly id: string;
  readonly type: string;
  /** The key that names the resource: the anchor of last resort for a finding. */
  readonly idNode: ScalarNode;
  /** The resource's own body (`Type`, `Properties`, `Metadata`, …). */
  readonly node: MapNode;
  /** The resource's properties, when written as a map. */
  readonly properties: MapNode | undefined;
  /** Where a finding about a missing property goes: the `Properties` key, else the logical id. */
  readonly anchor: ScalarNode;
}

export interface Parameter {
  readonly name: string;
  readonly idNode: ScalarNode;
  readonly node: MapNode;
  readonly type: string | undefined;
  readonly defaultValue: SourceNode | undefined;
  readonly allowedValues: readonly SourceNode[] | undefined;
}

/** The neutral model every rule reads, built once per document by the dialect's adapter. */
export interface Template {
  readonly format: Format;
  readonly syntax: Syntax;
  readonly dialect: Dialect;
  readonly root: MapNode;
  readonly resources: readonly Resource[];
  resource(id: string): Resource | undefined;
  readonly parameters: ReadonlyMap<string, Parameter>;
  readonly values: ValueResolver;
  readonly references: ReferenceIndex;
  /**
   * Every name the template's sections define (parameters, resources, outputs, mappings, conditions), built on
   * first use: fixes that add a parameter or resource pick a name outside it.
   */
  names(): ReadonlySet<string>;
  /**
   * Whether the template has resources it does not show — a CloudFormation module (`…::MODULE`) or a `Type`
   * written as a packaging tool's tag (`!Rain::Module`) — which may bring anything a rule looks for.
   */
  hasHiddenResources(): boolean;
}
