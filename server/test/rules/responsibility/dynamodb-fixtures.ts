// Templates the two DynamoDB durability rules' tests share.
import { resourcesYaml } from '../../rule-tester';

export const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

/** A table in block style whose properties end with `last`. */
export const table = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        BillingMode: PAY_PER_REQUEST
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        ${last}
  `);

/** A global table whose single replica ends with `last`. */
export const global = (last: string): string =>
  resourcesYaml(`
    Orders:
      Type: AWS::DynamoDB::GlobalTable
      Properties:
        BillingMode: PAY_PER_REQUEST
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        Replicas:
          - Region: eu-west-1
            ${last}
  `);
