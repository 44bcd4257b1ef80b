import { webAclWithoutRateLimit } from '../../../src/rules/firewall/web-acl-without-rate-limit';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(webAclWithoutRateLimit, {
  valid: [
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
