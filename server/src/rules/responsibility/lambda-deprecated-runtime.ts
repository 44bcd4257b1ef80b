import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import lifecycle from './lambda-runtimes.json';
import type { Rule, RuleContext } from '../types';

type MessageId = 'deprecated' | 'deprecating';

interface RuntimeDates {
  readonly deprecated: string;
  readonly blockCreate: string;
  readonly blockUpdate: string;
  readonly successor: string | null;
}

/** AWS's dates, by runtime identifier; imported as a module so that both `tsc` output and esbuild bundles carry it. */
const RUNTIMES: Readonly<Record<string, RuntimeDates>> = lifecycle.runtimes;

/** The day the data was copied: the default clock, so that findings (and tests) do not change as days pass. */
export const LIFECYCLE_AS_OF: string = lifecycle.asOf;

/** How far ahead a coming deprecation is reported: long enough to test and ship a runtime upgrade. */
const NOTICE_MONTHS = 6;

/**
 * The rule judged on `today` (an ISO date, `YYYY-MM-DD`). The catalogue's instance uses the data file's `asOf`,
 * not the wall clock: a deprecation becomes a finding when the data is refreshed, never on its own overnight.
 */
export function lambdaDeprecatedRuntimeOn(today: string) {
  const notice = addMonths(today, NOTICE_MONTHS);
  const check = (resource: Resource, context: RuleContext<MessageId>, setting: string): void => {
    const properties = context.values.resolve(resource.properties, resource.anchor);
    // No fix: moving to another runtime changes the code's platform, so it must be tested on it first.
    for (const runtime of context.values.lookup(properties, setting)) {
      const name = stringOf(runtime);
      const dates = name === undefined ? undefined : RUNTIMES[name];
      if (name === undefined || dates === undefined) continue;
      const messageId =
        dates.deprecated <= today ? 'deprecated' : dates.deprecated <= notice ? 'deprecating' : undefined;
      if (messageId === undefined) continue;
      const data = { setting, runtime: name, date: dates.deprecated, replacement: replacementOf(dates) };
      context.report({ node: runtime.node, messageId, data, via: runtime.via });
    }
  };
  return {
    meta: {
      id: 'responsibility/lambda-deprecated-runtime',
      title: 'Lambda functions run on a runtime AWS still patches',
      severity: 'warning',
      responsibility: 'application',
      messages: {
        deprecated:
          '{{setting}} {{runtime}} was deprecated by AWS on {{date}}: it no longer receives security patches, so the ' +
          'language runtime under this function stays vulnerable; keeping the application stack patched is the ' +
          'customer’s job. Move the code to {{replacement}}.',
        deprecating:
          '{{setting}} {{runtime}} will be deprecated by AWS on {{date}}, after which it receives no security patches; ' +
          'keeping the application stack patched is the customer’s job. Plan and test the move to {{replacement}} ' +
          'before then.',
      },
      rationale:
        'AWS patches a Lambda runtime only while it is supported. Choosing the runtime — and moving off it when its ' +
        'language version reaches end of life — is the customer’s side of the shared-responsibility model: after ' +
        'the deprecation date AWS stops applying security patches and technical support, later blocks creating and ' +
        'then updating functions on it, and published vulnerabilities in the interpreter or its bundled libraries ' +
        'stay open in every function that still runs it.',
      remediation:
        'Change Runtime (runtime in Terraform) to the latest runtime of the same language (named in the message), run the function’s ' +
        'tests on it, and deploy. Runtimes within six months of deprecation are reported too, so the move can be ' +
        'planned before patches stop.',
      references: [
        {
          tool: 'checkov',
          id: 'CKV_AWS_363',
          match: 'equivalent',
          name: 'Ensure Lambda functions are not using deprecated runtimes',
        },
        { tool: 'cdkNag', id: 'AwsSolutions-L1', match: 'related', name: 'uses the latest runtime of its family' },
      ],
      fix: 'none',
    },
    visitors: {
      cloudformation: {
        'AWS::Lambda::Function': (resource, context) => check(resource, context, 'Runtime'),
        // SAM's function takes the same Runtime; one set in Globals is not followed (see the docs page).
        'AWS::Serverless::Function': (resource, context) => check(resource, context, 'Runtime'),
      },
      terraform: {
        aws_lambda_function: (resource, context) => check(resource, context, 'runtime'),
      },
    },
  } satisfies Rule<MessageId>;
}

export const lambdaDeprecatedRuntime = lambdaDeprecatedRuntimeOn(LIFECYCLE_AS_OF);

function replacementOf(dates: RuntimeDates): string {
  return dates.successor ?? 'a newer supported runtime as AWS publishes one';
}

/** `date` (YYYY-MM-DD) plus `months`, as an ISO date; compared as strings, which order as dates do. */
function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, day)).toISOString().slice(0, 10);
}
