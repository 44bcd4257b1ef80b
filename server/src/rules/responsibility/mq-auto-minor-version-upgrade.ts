import type { Resource } from '../../model/template';
import type { Rule, RuleContext } from '../types';
import { reportUpgradeTurnedOff } from '../version-upgrade';

type MessageId = 'disabled' | 'missing';

const EFFECT =
  'so the broker will not receive the ActiveMQ or RabbitMQ patch versions AWS releases, which carry security fixes; ' +
  'patching the broker engine is the customer’s job, and nothing else will do it.';

export const mqAutoMinorVersionUpgrade = {
  meta: {
    id: 'responsibility/mq-auto-minor-version-upgrade',
    title: 'Amazon MQ brokers take minor engine upgrades automatically',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled: `{{setting}} is false, ${EFFECT}`,
      // Terraform only: unlike AWS and CloudFormation, the AWS provider sends false when the attribute is absent.
      missing: `{{setting}} is not set, and the AWS provider for Terraform then turns automatic upgrades off, ${EFFECT}`,
    },
    rationale:
      'AWS operates the hosts under an Amazon MQ broker, but which ActiveMQ or RabbitMQ version runs — and so whether ' +
      'its security fixes are applied — is the customer’s side of the shared-responsibility model. With automatic ' +
      'minor upgrades off, the broker stays on its version until someone upgrades it by hand. For ActiveMQ 5.18 and ' +
      'later and RabbitMQ 3.13 and later AWS requires the setting to be true.',
    remediation:
      'Remove AutoMinorVersionUpgrade: false (AWS’s default is true) or set it to true, and choose a ' +
      'MaintenanceWindowStartTime that suits the workload. For ActiveMQ 5.18+ and RabbitMQ 3.13+, write EngineVersion ' +
      'as major.minor (5.18, 3.13) and let AWS manage the patch version.',
    references: [
      {
        tool: 'checkov',
        id: 'CKV_AWS_207',
        match: 'equivalent',
        name: 'Terraform aws_mq_broker auto_minor_version_upgrade',
      },
    ],
    fix: 'suggestion',
  },
  visitors: {
    cloudformation: { 'AWS::AmazonMQ::Broker': checkBroker },
    terraform: { aws_mq_broker: checkBroker },
  },
} satisfies Rule<MessageId>;

// Every engine and version honours the setting; on ActiveMQ 5.18+ and RabbitMQ 3.13+ AWS rejects false outright,
// which the finding also covers: the template will not deploy as written.
function checkBroker(resource: Resource, context: RuleContext<MessageId>): void {
  const terraform = context.template.dialect === 'terraform';
  const setting = terraform ? 'auto_minor_version_upgrade' : 'AutoMinorVersionUpgrade';
  const enable = `Let Amazon MQ apply minor engine upgrades (${setting}: true)`;
  reportUpgradeTurnedOff(resource, context, {
    property: setting,
    messageId: 'disabled',
    fixTitle: `${enable} — changes a deliberate setting`,
    // The provider's schema defaults the attribute to false, so an absent one deploys a broker that never upgrades.
    absentIsOff: terraform ? { messageId: 'missing', fixTitle: enable } : undefined,
  });
}
