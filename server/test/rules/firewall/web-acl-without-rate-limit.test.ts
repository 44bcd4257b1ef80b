import { webAclWithoutRateLimit } from '../../../src/rules/firewall/web-acl-without-rate-limit';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const VISIBILITY = 'VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: m }';

/** A web ACL with the given `Rules` lines (block YAML at the `Rules:` key's indentation + 2), or none. */
const acl = (rules: string | undefined, header = ''): string =>
  `${header}Resources:
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      ${VISIBILITY}
${rules === undefined ? '' : `      Rules:\n${rules}`}`;

const COMMON =
  '        - { Name: common, Priority: 1, OverrideAction: { None: {} }, ' +
  `Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet } }, ${VISIBILITY} }\n`;
const RATE =
  '        - { Name: rate, Priority: 0, Action: { Block: {} }, ' +
  `Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: IP } }, ${VISIBILITY} }\n`;
const MESSAGE =
  'Web ACL Acl has no rate-based rule: AWS WAF limits no client’s request rate, so one address can flood the protected origin until it falls over.';

const TF_VISIBILITY =
  '"visibility_config": { "cloudwatch_metrics_enabled": true, "metric_name": "m", "sampled_requests_enabled": true }';
const tfRule = (name: string, priority: number, statement: string, action = '"action": { "block": {} }'): string =>
  `{ "name": "${name}", "priority": ${priority}, ${action}, "statement": ${statement}, ${TF_VISIBILITY} }`;
const TF_RATE = tfRule('rate', 0, '{ "rate_based_statement": { "limit": 500, "aggregate_key_type": "IP" } }');
const tfManaged = (group: string, priority = 1): string =>
  tfRule(
    'managed',
    priority,
    `{ "managed_rule_group_statement": { "name": "${group}", "vendor_name": "AWS" } }`,
    '"override_action": { "none": {} }',
  );
/** A Terraform WAFv2 web ACL that allows by default, with extra members. */
const tfAcl = (extra = '', action = '{ "allow": {} }'): string =>
  `"aws_wafv2_web_acl": { "acl": { "scope": "REGIONAL", "default_action": ${action}${extra} } }`;
/** The rule the fix adds, as the JSON edit writes it. */
const tfRateRule = (priority: number): string =>
  `{ "name": "RateLimitPerIp", "priority": ${priority}, "action": { "block": {} }, "statement": { "rate_based_statement": { "limit": 2000, "aggregate_key_type": "IP" } }, "visibility_config": { "cloudwatch_metrics_enabled": true, "metric_name": "RateLimitPerIp", "sampled_requests_enabled": true } }`;
const TF_MESSAGE = MESSAGE.replace('Web ACL Acl', 'Web ACL aws_wafv2_web_acl.acl');

new RuleTester().run(webAclWithoutRateLimit, {
  valid: [
    {
      name: 'Terraform: a rate-based rule',
      tf: tfJson([tfAcl(`, "rule": [${tfManaged('AWSManagedRulesCommonRuleSet')}, ${TF_RATE}]`)]),
    },
    { name: 'Terraform: blocks everything, no rules', tf: tfJson([tfAcl('', '{ "block": {} }')]) },
    {
      name: 'Terraform: the anti-DDoS managed group',
      tf: tfJson([tfAcl(`, "rule": ${tfManaged('AWSManagedRulesAntiDDoSRuleSet')}`)]),
    },
    {
      name: 'Terraform: a rule group of the configuration with a rate-based rule',
      tf: tfJson([
        tfAcl(
          `, "rule": ${tfRule('group', 1, '{ "rule_group_reference_statement": { "arn": "${aws_wafv2_rule_group.limits.arn}" } }', '"override_action": { "none": {} }')}`,
        ),
        `"aws_wafv2_rule_group": { "limits": { "capacity": 10, "scope": "REGIONAL", "rule": ${TF_RATE} } }`,
      ]),
    },
    {
      name: 'Terraform: an aws_wafv2_web_acl_rule with a rate-based statement',
      tf: tfJson([
        tfAcl(),
        `"aws_wafv2_web_acl_rule": { "rate": { "name": "rate", "priority": 1, "web_acl_arn": "\${aws_wafv2_web_acl.acl.arn}", "action": { "block": {} }, "statement": { "rate_based_statement": { "limit": 500 } } } }`,
      ]),
    },
    {
      name: 'Terraform: a rule group association of the anti-DDoS managed group',
      tf: tfJson([
        tfAcl(),
        '"aws_wafv2_web_acl_rule_group_association": { "ddos": { "rule_name": "ddos", "priority": 1, "web_acl_arn": "${aws_wafv2_web_acl.acl.arn}", "managed_rule_group": { "name": "AWSManagedRulesAntiDDoSRuleSet", "vendor_name": "AWS" } } }',
      ]),
    },
    {
      name: 'Terraform: rules as JSON are unknown',
      tf: tfJson([tfAcl(', "rule_json": "${jsonencode(local.rules)}"')]),
    },
    {
      name: 'plan: a rate-based rule; the statements not chosen are empty lists',
      plan: planJson([
        {
          address: 'aws_wafv2_web_acl.acl',
          values: {
            default_action: [{ allow: [{}], block: [] }],
            rule: [
              {
                name: 'rate',
                priority: 0,
                statement: [{ rate_based_statement: [{ limit: 500 }], managed_rule_group_statement: [] }],
              },
            ],
          },
        },
      ]),
    },
    { name: 'a rate-based rule', yaml: acl(COMMON + RATE) },
    {
      name: 'an ACL that blocks everything and has no rules',
      yaml: acl(undefined).replace('DefaultAction: { Allow: {} }', 'DefaultAction: { Block: {} }'),
    },
    {
      name: 'the AWS anti-DDoS managed rule group',
      yaml: acl(
        '        - { Name: ddos, Priority: 1, OverrideAction: { None: {} }, ' +
          `Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesAntiDDoSRuleSet } }, ${VISIBILITY} }\n`,
      ),
    },
    {
      name: 'a rule group in the template with a rate-based rule',
      yaml:
        acl(
          '        - { Name: group, Priority: 1, OverrideAction: { None: {} }, ' +
            `Statement: { RuleGroupReferenceStatement: { Arn: !GetAtt Group.Arn } }, ${VISIBILITY} }\n`,
        ) +
        `  Group:
    Type: AWS::WAFv2::RuleGroup
    Properties:
      Capacity: 10
      Scope: REGIONAL
      ${VISIBILITY}
      Rules:
${RATE}`,
    },
    {
      name: 'a rule group known only by its ARN is unknown',
      yaml: acl(
        '        - { Name: group, Priority: 1, OverrideAction: { None: {} }, ' +
          `Statement: { RuleGroupReferenceStatement: { Arn: !ImportValue SharedGroupArn } }, ${VISIBILITY} }\n`,
      ),
    },
    {
      name: 'a marketplace managed rule group is unknown',
      yaml: acl(
        '        - { Name: vendor, Priority: 1, OverrideAction: { None: {} }, ' +
          `Statement: { ManagedRuleGroupStatement: { VendorName: F5, Name: Bots } }, ${VISIBILITY} }\n`,
      ),
    },
    {
      name: 'rules from an import are unknown',
      yaml: acl(undefined).replace('Scope:', 'Rules: !ImportValue R\n      Scope:'),
    },
    {
      name: 'a rate-based rule on one branch of a condition',
      yaml: acl(
        `        - !If [Prod, { Name: rate, Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: IP } }, ${VISIBILITY} }, !Ref AWS::NoValue]\n`,
        'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: no rule blocks; the fix adds one',
      tf: tfJson([tfAcl()]),
      errors: [
        { messageId: 'noRateLimit', message: TF_MESSAGE, data: { acl: 'aws_wafv2_web_acl.acl' }, text: '"acl"' },
      ],
      output: tfJson([tfAcl(`, "rule": ${tfRateRule(0)}`)]),
    },
    {
      name: 'Terraform: one managed rule group; the fix makes the block a list of two',
      tf: tfJson([tfAcl(`, "rule": ${tfManaged('AWSManagedRulesCommonRuleSet', 3)}`)]),
      errors: [{ messageId: 'noRateLimit', text: '"rule"' }],
      output: tfJson([tfAcl(`, "rule": [ ${tfManaged('AWSManagedRulesCommonRuleSet', 3)}, ${tfRateRule(4)} ]`)]),
    },
    {
      name: 'Terraform: an aws_wafv2_web_acl_rule without a rate limit; no fix beside rule resources',
      tf: tfJson([
        tfAcl(),
        `"aws_wafv2_web_acl_rule": { "geo": { "name": "geo", "priority": 1, "web_acl_arn": "\${aws_wafv2_web_acl.acl.arn}", "action": { "block": {} }, "statement": { "geo_match_statement": { "country_codes": ["XX"] } } } }`,
      ]),
      errors: [{ messageId: 'noRateLimit', text: '"acl"' }],
      output: null,
    },
    {
      name: 'plan: only a managed rule group that matches contents; no fix',
      plan: planJson([
        {
          address: 'aws_wafv2_web_acl.acl',
          values: {
            default_action: [{ allow: [{}], block: [] }],
            rule: [
              {
                name: 'common',
                priority: 1,
                statement: [
                  {
                    rate_based_statement: [],
                    managed_rule_group_statement: [{ name: 'AWSManagedRulesCommonRuleSet', vendor_name: 'AWS' }],
                  },
                ],
              },
            ],
          },
        },
      ]),
      errors: [{ messageId: 'noRateLimit', text: '"rule"' }],
      output: null,
    },
    {
      name: 'no Rules, block style',
      yaml: resourcesYaml(`
        Acl:
          Type: AWS::WAFv2::WebACL
          Properties:
            Scope: REGIONAL
            DefaultAction:
              Allow: {}
            VisibilityConfig:
              SampledRequestsEnabled: true
              CloudWatchMetricsEnabled: true
              MetricName: acl
      `),
      errors: [{ messageId: 'noRateLimit', message: MESSAGE, text: 'Properties' }],
      output: resourcesYaml(`
        Acl:
          Type: AWS::WAFv2::WebACL
          Properties:
            Scope: REGIONAL
            DefaultAction:
              Allow: {}
            VisibilityConfig:
              SampledRequestsEnabled: true
              CloudWatchMetricsEnabled: true
              MetricName: acl
            Rules:
              - Name: RateLimitPerIp
                Priority: 0
                Statement:
                  RateBasedStatement:
                    Limit: 2000
                    AggregateKeyType: IP
                Action:
                  Block: {}
                VisibilityConfig:
                  SampledRequestsEnabled: true
                  CloudWatchMetricsEnabled: true
                  MetricName: RateLimitPerIp
      `),
    },
    {
      name: 'only a managed rule group, block style items; the list is rewritten in block style',
      yaml: acl(COMMON),
      errors: [{ messageId: 'noRateLimit', data: { acl: 'Acl' }, text: 'Rules', line: 8 }],
      output: acl(`        - Name: common
          Priority: 1
          OverrideAction:
            None: {}
          Statement:
            ManagedRuleGroupStatement:
              VendorName: AWS
              Name: AWSManagedRulesCommonRuleSet
          VisibilityConfig:
            SampledRequestsEnabled: true
            CloudWatchMetricsEnabled: true
            MetricName: m
        - Name: RateLimitPerIp
          Priority: 2
          Statement:
            RateBasedStatement:
              Limit: 2000
              AggregateKeyType: IP
          Action:
            Block: {}
          VisibilityConfig:
            SampledRequestsEnabled: true
            CloudWatchMetricsEnabled: true
            MetricName: RateLimitPerIp
`),
    },
    {
      name: 'flow style list, a name already taken',
      yaml: resourcesYaml(`
        Acl:
          Type: AWS::WAFv2::WebACL
          Properties: { Scope: REGIONAL, DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl }, Rules: [{ Name: RateLimitPerIp, Priority: 7, Action: { Block: {} }, Statement: { GeoMatchStatement: { CountryCodes: [XX] } }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: geo } }] }
      `),
      errors: [{ messageId: 'noRateLimit', text: 'Rules' }],
      output: resourcesYaml(`
        Acl:
          Type: AWS::WAFv2::WebACL
          Properties: { Scope: REGIONAL, DefaultAction: { Allow: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: acl }, Rules: [{ Name: RateLimitPerIp, Priority: 7, Action: { Block: {} }, Statement: { GeoMatchStatement: { CountryCodes: [XX] } }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: geo } }, { Name: RateLimitPerIp2, Priority: 8, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: IP } }, Action: { Block: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: RateLimitPerIp2 } }] }
      `),
    },
    {
      name: 'JSON: an empty list',
      json: `
        {
          "Resources": {
            "Acl": {
              "Type": "AWS::WAFv2::WebACL",
              "Properties": {
                "Scope": "CLOUDFRONT",
                "DefaultAction": { "Allow": {} },
                "VisibilityConfig": { "SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "acl" },
                "Rules": []
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'noRateLimit', text: '"Rules"' }],
      output: `
        {
          "Resources": {
            "Acl": {
              "Type": "AWS::WAFv2::WebACL",
              "Properties": {
                "Scope": "CLOUDFRONT",
                "DefaultAction": { "Allow": {} },
                "VisibilityConfig": { "SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": "acl" },
                "Rules": [
                  {
                    "Name": "RateLimitPerIp",
                    "Priority": 0,
                    "Statement": {
                      "RateBasedStatement": {
                        "Limit": 2000,
                        "AggregateKeyType": "IP"
                      }
                    },
                    "Action": {
                      "Block": {}
                    },
                    "VisibilityConfig": {
                      "SampledRequestsEnabled": true,
                      "CloudWatchMetricsEnabled": true,
                      "MetricName": "RateLimitPerIp"
                    }
                  }
                ]
              }
            }
          }
        }
      `,
    },
    {
      name: 'a rule group in the template without a rate-based rule; no fix when a priority is not literal',
      yaml:
        acl(
          '        - { Name: group, Priority: !Ref P, OverrideAction: { None: {} }, ' +
            `Statement: { RuleGroupReferenceStatement: { Arn: !GetAtt Group.Arn } }, ${VISIBILITY} }\n`,
          'Parameters:\n  P:\n    Type: Number\n    Default: 3\n',
        ) +
        `  Group:
    Type: AWS::WAFv2::RuleGroup
    Properties:
      Capacity: 10
      Scope: REGIONAL
      ${VISIBILITY}
      Rules:
        - { Name: geo, Priority: 0, Action: { Block: {} }, Statement: { GeoMatchStatement: { CountryCodes: [XX] } }, ${VISIBILITY} }
`,
      errors: [{ messageId: 'noRateLimit', text: 'Rules', line: 12 }],
      output: null,
    },
  ],
});
