// CDK cloud assemblies (`cdk.out`): the templates a CDK app synthesized, and the way back to its source.
export { assemblyOf, findAssembly, isInsideAssembly } from './find';
export { readAssembly } from './reader';
export type { CdkAssembly, CdkTemplate, ResourceOrigin, SourceLocation, ValidationFinding } from './types';
