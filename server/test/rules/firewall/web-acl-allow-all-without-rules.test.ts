import { webAclAllowAllWithoutRules } from '../../../src/rules/firewall/web-acl-allow-all-without-rules';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { planJson, tfJson } from './terraform-entry-points';

const VISIBILITY = 'VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: m }';
const COMMON_RULE =
  '{ Name: common, Priority: 1, OverrideAction: { None: {} }, ' +
  `Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet } }, ${VISIBILITY} }`;

/** A WAFv2 web ACL with the given flow-style `DefaultAction` and optional `Rules` line. */
const v2 = (action: string, rules = '', header = ''): string =>
  `${header}Resources:
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: ${action}
      ${VISIBILITY}
${rules === '' ? '' : `      Rules: ${rules}\n`}`;

const MESSAGE = (acl: string): string =>
  `Web ACL ${acl} allows every request by default and has no rules: it filters nothing, so whatever it is attached to is as exposed as without a WAF.`;
const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const TF_VISIBILITY =
  '"visibility_config": { "cloudwatch_metrics_enabled": true, "metric_name": "m", "sampled_requests_enabled": true }';
const TF_COMMON_RULE =
  '{ "name": "common", "priority": 1, "override_action": { "none": {} }, "statement": { "managed_rule_group_statement": { "name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS" } }, ' +
  `${TF_VISIBILITY} }`;
/** A Terraform WAFv2 web ACL with this default action block and extra members. */
const tfV2 = (action: string, extra = ''): string =>
  `"aws_wafv2_web_acl": { "acl": { "name": "acl", "scope": "REGIONAL", "default_action": ${action}, ${TF_VISIBILITY}${extra} } }`;

new RuleTester().run(webAclAllowAllWithoutRules, {
  valid: [
    {
      name: 'Terraform: allow with a managed rule group',
      tf: tfJson([tfV2('{ "allow": {} }', `, "rule": ${TF_COMMON_RULE}`)]),
    },
    { name: 'Terraform: block by default without rules', tf: tfJson([tfV2('{ "block": {} }')]) },
    {
      name: 'Terraform: rules as JSON',
      tf: tfJson([tfV2('{ "allow": {} }', ', "rule_json": "${jsonencode(local.rules)}"')]),
    },
    {
      name: 'Terraform: a rule resource adds a rule to it',
      tf: tfJson([
        tfV2('{ "allow": {} }', ', "lifecycle": { "ignore_changes": ["rule"] }'),
        `"aws_wafv2_web_acl_rule": { "geo": { "name": "geo", "priority": 1, "web_acl_arn": "\${aws_wafv2_web_acl.acl.arn}", "action": { "block": {} }, "statement": { "geo_match_statement": { "country_codes": ["XX"] } }, ${TF_VISIBILITY} } }`,
      ]),
    },
    {
      name: 'Terraform: WAF classic, allow with a rule',
      tf: tfJson([
        '"aws_waf_web_acl": { "acl": { "name": "acl", "metric_name": "acl", "default_action": { "type": "ALLOW" }, "rules": { "action": { "type": "BLOCK" }, "priority": 1, "rule_id": "${aws_waf_rule.bad.id}" } } }',
      ]),
    },
    {
      name: 'plan: allow with a rule',
      plan: planJson([
        {
          address: 'aws_wafv2_web_acl.acl',
          values: {
            default_action: [{ allow: [{ custom_request_handling: [] }], block: [] }],
            rule: [{ name: 'common', priority: 1 }],
          },
        },
      ]),
    },
    { name: 'allow with a managed rule group', yaml: v2('{ Allow: {} }', `[${COMMON_RULE}]`) },
    { name: 'block by default without rules', yaml: v2('{ Block: {} }') },
    { name: 'rules from an import are unknown', yaml: v2('{ Allow: {} }', '!ImportValue SharedRules') },
    { name: 'a default action from an import is unknown', yaml: v2('!ImportValue SharedAction') },
    {
      name: 'a rule on one branch only is not an empty list',
      yaml: v2('{ Allow: {} }', `[!If [Prod, ${COMMON_RULE}, !Ref AWS::NoValue]]`, ENV),
    },
    {
      name: 'classic: block by default',
      yaml: resourcesYaml(`
        Acl:
          Type: AWS::WAF::WebACL
          Properties: { Name: acl, MetricName: acl, DefaultAction: { Type: BLOCK } }
      `),
    },
    {
      name: 'classic regional: allow with a rule',
      yaml: resourcesYaml(`
        Acl:
          Type: AWS::WAFRegional::WebACL
          Properties:
            Name: acl
            MetricName: acl
            DefaultAction: { Type: ALLOW }
            Rules:
              - { Action: { Type: BLOCK }, Priority: 1, RuleId: !Ref BadIps }
      `),
    },
  ],
  invalid: [
    {
      name: 'Terraform: allow without rule blocks',
      tf: tfJson([tfV2('{ "allow": {} }')]),
      errors: [{ messageId: 'allowAll', message: MESSAGE('aws_wafv2_web_acl.acl'), text: '"allow"' }],
    },
    {
      name: 'Terraform: WAF classic regional, ALLOW without rules',
      tf: tfJson([
        '"aws_wafregional_web_acl": { "acl": { "name": "acl", "metric_name": "acl", "default_action": { "type": "ALLOW" } } }',
      ]),
      errors: [{ messageId: 'allowAll', data: { acl: 'aws_wafregional_web_acl.acl' }, text: '"ALLOW"' }],
    },
    {
      name: 'plan: allow, the block not chosen and no rule are empty lists',
      plan: planJson([
        {
          address: 'aws_wafv2_web_acl.acl',
          values: {
            default_action: [{ allow: [{ custom_request_handling: [] }], block: [] }],
            rule: [],
            rule_json: null,
          },
        },
      ]),
      errors: [{ messageId: 'allowAll', data: { acl: 'aws_wafv2_web_acl.acl' }, text: '"allow"' }],
    },
    {
      name: 'allow without Rules',
      yaml: v2('{ Allow: {} }'),
      errors: [{ messageId: 'allowAll', message: MESSAGE('Acl'), text: 'Allow' }],
    },
    {
      name: 'allow with an empty list, block style',
      yaml: resourcesYaml(`
        Acl:
          Type: AWS::WAFv2::WebACL
          Properties:
            Scope: CLOUDFRONT
            DefaultAction:
              Allow:
                CustomRequestHandling:
                  InsertHeaders: [{ Name: x-waf, Value: seen }]
            VisibilityConfig:
              SampledRequestsEnabled: true
              CloudWatchMetricsEnabled: true
              MetricName: acl
            Rules: []
      `),
      errors: [{ messageId: 'allowAll', data: { acl: 'Acl' }, text: 'Allow' }],
    },
    {
      name: 'every item is AWS::NoValue',
      yaml: v2('{ Allow: {} }', '[!Ref AWS::NoValue]'),
      errors: [{ messageId: 'allowAll', text: 'Allow' }],
    },
    {
      name: 'allow on one branch of a condition',
      yaml: v2('!If [Prod, { Block: {} }, { Allow: {} }]', '', ENV),
      errors: [
        {
          messageId: 'allowAll',
          text: 'Allow',
          message: `${MESSAGE('Acl').slice(0, -1)} (when condition Prod is false).`,
        },
      ],
    },
    {
      name: 'classic: ALLOW from a parameter default, no rules',
      yaml: `Parameters:
  DefaultAction:
    Type: String
    Default: ALLOW
Resources:
  Acl:
    Type: AWS::WAF::WebACL
    Properties: { Name: acl, MetricName: acl, DefaultAction: { Type: !Ref DefaultAction } }
`,
      errors: [{ messageId: 'allowAll', text: '!Ref DefaultAction' }],
    },
    {
      name: 'JSON: classic regional with an empty list',
      json: `
        {
          "Resources": {
            "Acl": {
              "Type": "AWS::WAFRegional::WebACL",
              "Properties": { "Name": "acl", "MetricName": "acl", "DefaultAction": { "Type": "ALLOW" }, "Rules": [] }
            }
          }
        }
      `,
      errors: [{ messageId: 'allowAll', text: '"ALLOW"' }],
    },
  ],
});
