import { truthOf, type Truth } from '../model/values';
import { attributes } from './terraform';
import type { RuleContext } from './types';

/**
 * Whether the Terraform configuration turns on EBS encryption by default (`aws_ebs_encryption_by_default`, whose
 * `enabled` defaults to true). Once it is on, EC2 encrypts every volume created in the Region whatever the request
 * says, so the volume rules have nothing to report; a value nobody can know is unknown, and so reports nothing either.
 */
export function ebsEncryptionByDefault(context: RuleContext): Truth {
  return context.memo('aws_ebs_encryption_by_default:enabled', () => {
    let truth: Truth = false;
    for (const resource of context.template.resources) {
      if (resource.type !== 'aws_ebs_encryption_by_default') continue;
      for (const enabled of context.values.lookup(attributes(resource, context.values), 'enabled')) {
        const value = enabled.kind === 'absent' ? true : truthOf(enabled);
        if (value === true) return true;
        if (value === 'unknown') truth = 'unknown';
      }
    }
    return truth;
  });
}
