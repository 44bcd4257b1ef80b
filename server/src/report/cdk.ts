import * as path from 'node:path';
import type { CdkAssembly, CdkTemplate } from '../cdk/types';
import type { Finding } from './types';

/**
 * Ties the findings of one template of a CDK assembly to where they come from: the stack, the construct path, and
 * the line of the CDK app that created the resource (relative to the app, `/`-separated).
 */
export class CdkOrigins {
  constructor(
    private readonly assembly: CdkAssembly,
    private readonly template: CdkTemplate,
  ) {}

  annotate(finding: Finding): Finding {
    const origin = finding.resource === null ? undefined : this.template.origins.get(finding.resource.id);
    const stack = this.template.displayName;
    if (origin === undefined) return { ...finding, stack };
    const located = origin.source;
    return {
      ...finding,
      stack,
      constructPath: origin.constructPath,
      ...(located === undefined
        ? {}
        : {
            source: {
              file: relative(this.assembly.appRoot, located.file),
              line: located.line,
              column: located.column,
              ...(located.approximate ? { approximate: true } : {}),
            },
          }),
    };
  }
}

function relative(from: string, file: string): string {
  const rel = path.relative(from, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}
