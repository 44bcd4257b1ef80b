import { ecrImmutableTags } from '../../../src/rules/responsibility/ecr-immutable-tags';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const WHY =
  'so anyone who can push may replace the image behind a tag, and what runs under that tag can change without a ' +
  'deployment, an audit trail or a way back; knowing which software runs is the customer’s job.';
const absent = `ImageTagMutability is not set, and AWS’s default is MUTABLE, ${WHY}`;
const mutable = `ImageTagMutability is MUTABLE, ${WHY}`;

const TF_ABSENT = absent.replace('ImageTagMutability', 'image_tag_mutability');
const TF_MUTABLE = mutable.replace('ImageTagMutability', 'image_tag_mutability');

/** A `.tf.json` repository whose body ends with `last`. */
const tfRepo = (last: string, head = ''): string =>
  tfResource('aws_ecr_repository', 'app', `"name": "app",\n        ${last}`, head);

const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\n';

const repo = (last: string, header = ''): string =>
  header +
  resourcesYaml(`
    Repo:
      Type: AWS::ECR::Repository
      Properties:
        RepositoryName: app
        ${last}
  `);

new RuleTester().run(ecrImmutableTags, {
  valid: [
    { name: 'Terraform: IMMUTABLE', tf: tfRepo('"image_tag_mutability": "IMMUTABLE"') },
    {
      name: 'Terraform: a variable whose default is IMMUTABLE_WITH_EXCLUSION',
      tf: tfRepo(
        '"image_tag_mutability": "${var.tags}"',
        '"variable": { "tags": { "default": "IMMUTABLE_WITH_EXCLUSION" } },',
      ),
    },
    {
      name: 'plan: IMMUTABLE in the planned values',
      plan: planOf([
        { type: 'aws_ecr_repository', name: 'app', values: '{ "name": "app", "image_tag_mutability": "IMMUTABLE" }' },
      ]),
    },
    { name: 'IMMUTABLE', yaml: repo('ImageTagMutability: IMMUTABLE') },
    { name: 'IMMUTABLE_WITH_EXCLUSION is deliberate', yaml: repo('ImageTagMutability: IMMUTABLE_WITH_EXCLUSION') },
    { name: 'MUTABLE_WITH_EXCLUSION is deliberate', yaml: repo('ImageTagMutability: MUTABLE_WITH_EXCLUSION') },
    {
      name: 'a parameter without default or allowed values is unknown',
      yaml: repo('ImageTagMutability: !Ref Mutability', 'Parameters:\n  Mutability:\n    Type: String\n'),
    },
  ],
  invalid: [
    {
      name: 'block style, absent: AWS’s default is MUTABLE',
      yaml: repo('EmptyOnDelete: false'),
      errors: [{ messageId: 'absent', message: absent, text: 'Properties' }],
      output: repo('EmptyOnDelete: false\n        ImageTagMutability: IMMUTABLE'),
    },
    {
      name: 'block style, MUTABLE',
      yaml: repo('ImageTagMutability: MUTABLE'),
      errors: [
        {
          messageId: 'mutable',
          message: mutable,
          underline: 'ImageTagMutability: MUTABLE\n                    ~~~~~~~',
        },
      ],
      output: repo('ImageTagMutability: IMMUTABLE'),
    },
    {
      name: 'flow style',
      yaml: resourcesYaml(
        'Repo:\n  Type: AWS::ECR::Repository\n  Properties: { RepositoryName: app, ImageTagMutability: MUTABLE }\n',
      ),
      errors: [{ messageId: 'mutable', text: 'MUTABLE' }],
      output: resourcesYaml(
        'Repo:\n  Type: AWS::ECR::Repository\n  Properties: { RepositoryName: app, ImageTagMutability: IMMUTABLE }\n',
      ),
    },
    {
      name: 'JSON, absent',
      json: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryName": "app"
              }
            }
          }
        }
      `,
      errors: [{ messageId: 'absent', text: '"Properties"' }],
      output: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryName": "app",
                "ImageTagMutability": "IMMUTABLE"
              }
            }
          }
        }
      `,
    },
    {
      name: 'one branch of an undecided condition: named, and left to a person',
      yaml: repo('ImageTagMutability: !If [Prod, IMMUTABLE, MUTABLE]', ENV),
      errors: [
        {
          messageId: 'mutable',
          message: `${mutable.replace(/\.$/, '')} (when condition Prod is false).`,
          underline:
            'ImageTagMutability: !If [Prod, IMMUTABLE, MUTABLE]\n                                          ~~~~~~~',
        },
      ],
      output: null,
    },
    {
      name: 'Terraform: absent, on the resource name; the fix sets IMMUTABLE',
      tf: tfRepo('"force_delete": false'),
      errors: [
        {
          messageId: 'absent',
          message: TF_ABSENT,
          data: { setting: 'image_tag_mutability' },
          underline: '"app": {\n~~~~~',
          line: 5,
        },
      ],
      output: tfRepo('"force_delete": false,\n        "image_tag_mutability": "IMMUTABLE"'),
    },
    {
      name: 'Terraform: MUTABLE is replaced',
      tf: tfRepo('"image_tag_mutability": "MUTABLE"'),
      errors: [{ messageId: 'mutable', message: TF_MUTABLE, text: '"MUTABLE"' }],
      output: tfRepo('"image_tag_mutability": "IMMUTABLE"'),
    },
    {
      name: 'plan: the provider’s default, MUTABLE, in the planned values',
      plan: planOf([
        { type: 'aws_ecr_repository', name: 'app', values: '{ "name": "app", "image_tag_mutability": "MUTABLE" }' },
      ]),
      errors: [
        { messageId: 'mutable', message: inPlan(TF_MUTABLE, 'aws_ecr_repository.app'), text: '"MUTABLE"', line: 6 },
      ],
      output: null,
    },
  ],
});
