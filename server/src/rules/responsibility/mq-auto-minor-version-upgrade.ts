import type { Resource } from '../../model/template';
import type { Rule, RuleContext } from '../types';
import { reportUpgradeTurnedOff } from '../version-upgrade';

type MessageId = 'disabled';

export const mqAutoMinorVersionUpgrade = {
  meta: {
    id: 'responsibility/mq-auto-minor-version-upgrade',
    title: 'Amazon MQ brokers take minor engine upgrades automatically',
    severity: 'warning',
    responsibility: 'guest-os',
    messages: {
      disabled:
        'AutoMinorVersionUpgrade is false, so the broker will not receive the ActiveMQ or RabbitMQ patch versions AWS ' +
        'releases, which carry security fixes; patching the broker engine is the customer’s job, and nothing else will do it.',
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
  },
} satisfies Rule<MessageId>;

// Every engine and version honours the setting; on ActiveMQ 5.18+ and RabbitMQ 3.13+ AWS rejects false outright,
// which the finding also covers: the template will not deploy as written.
function checkBroker(resource: Resource, context: RuleContext<MessageId>): void {
  reportUpgradeTurnedOff(resource, context, {
    property: 'AutoMinorVersionUpgrade',
    messageId: 'disabled',
    fixTitle:
      'Let Amazon MQ apply minor engine upgrades (AutoMinorVersionUpgrade: true) — changes a deliberate setting',
  });
}
