// Templates the three OpenSearch rules' tests share: one domain in each dialect.
import { resourcesYaml } from '../../rule-tester';
import { planOf, tfResource } from '../terraform-fixtures';

/** A domain in `.tf.json`, of the current or the legacy type. */
export const tf = (body: string, type = 'aws_opensearch_domain', head = ''): string =>
  tfResource(type, 'search', `"domain_name": "search",\n        ${body}`, head);

/** A planned domain with these values and `after_unknown`. */
export const plan = (values: string, unknown = '{}'): string =>
  planOf([{ type: 'aws_opensearch_domain', name: 'search', values, unknown }]);

/** The engine names the branch a finding depends on before the message's final period. */
export const under = (message: string, branch: string): string => `${message.replace(/\.$/, '')} (${branch}).`;

export const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A domain in block style whose properties end with `last`. */
export const domain = (last: string, header = '', type = 'AWS::OpenSearchService::Domain'): string =>
  header +
  resourcesYaml(`
    Search:
      Type: ${type}
      Properties:
        EngineVersion: OpenSearch_2.11
        ${last}
  `);
