import { containerImageLatest } from '../../../src/rules/responsibility/container-image-latest';
import { RuleTester, resourcesYaml } from '../../rule-tester';
import { inPlan, planOf, tfResource } from '../terraform-fixtures';

const WHY =
  'a mutable tag, so the software this task runs changes whenever someone pushes, without a deployment, and ' +
  'cannot be audited or rolled back; knowing and patching the application software is the customer’s job.';
const latest = (image: string): string => `Image '${image}' is tagged latest, ${WHY}`;
const untagged = (image: string): string => `Image '${image}' has no tag, which means latest, ${WHY}`;

const task = (image: string, header = ''): string =>
  header +
  resourcesYaml(`
    Task:
      Type: AWS::ECS::TaskDefinition
      Properties:
        ContainerDefinitions:
          - Name: app
            Image: ${image}
  `);

/** `container_definitions` as Terraform takes it: a JSON string (here written as a JSON string literal). */
const definitions = (...images: string[]): string =>
  JSON.stringify(JSON.stringify(images.map((image, index) => ({ name: `c${index}`, image }))));

/** A `.tf.json` task definition whose `container_definitions` is `value` (JSON text). */
const tfTask = (value: string, head = ''): string =>
  tfResource('aws_ecs_task_definition', 'app', `"family": "app",\n        "container_definitions": ${value}`, head);

new RuleTester().run(containerImageLatest, {
  valid: [
    { name: 'Terraform: a version tag', tf: tfTask(definitions('public.ecr.aws/nginx/nginx:1.27.3')) },
    {
      name: 'Terraform: jsonencode(...) is an expression, unknown',
      tf: tfTask('"${jsonencode([{ name = \\"app\\", image = \\"nginx:latest\\" }])}"'),
    },
    { name: 'Terraform: a string that is not JSON cannot be judged', tf: tfTask('"[{ image: nginx }"') },
    {
      name: 'plan: a digest',
      plan: planOf([
        {
          type: 'aws_ecs_task_definition',
          name: 'app',
          values: `{ "family": "app", "container_definitions": ${definitions('nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a')} }`,
        },
      ]),
    },
    { name: 'a version tag', yaml: task('public.ecr.aws/nginx/nginx:1.27.3') },
    { name: 'a digest', yaml: task('nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a') },
    { name: 'a registry port is not a tag', yaml: task('registry.example.com:5000/app:2.1') },
    {
      name: 'a parameter without default is unknown',
      yaml: task('!Ref Image', 'Parameters:\n  Image:\n    Type: String\n'),
    },
    {
      name: 'a !Sub with a pseudo-parameter cannot be judged',
      yaml: task('!Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app"'),
    },
  ],
  invalid: [
    {
      name: 'block style, latest',
      yaml: task('nginx:latest'),
      errors: [
        {
          messageId: 'latest',
          message: latest('nginx:latest'),
          data: { image: 'nginx:latest' },
          underline: 'Image: nginx:latest\n       ~~~~~~~~~~~~',
        },
      ],
    },
    {
      name: 'untagged means latest',
      yaml: task('amazon/aws-xray-daemon'),
      errors: [{ messageId: 'untagged', message: untagged('amazon/aws-xray-daemon'), text: 'amazon/aws-xray-daemon' }],
    },
    {
      name: 'flow style, second container',
      yaml: resourcesYaml(
        'Task:\n  Type: AWS::ECS::TaskDefinition\n  Properties: { ContainerDefinitions: [{ Name: a, Image: "app:1.0" }, { Name: b, Image: "busybox:latest" }] }\n',
      ),
      errors: [{ messageId: 'latest', text: '"busybox:latest"' }],
    },
    {
      name: 'JSON',
      json: '{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "a", "Image": "redis"}]}}}}',
      errors: [{ messageId: 'untagged', message: untagged('redis'), text: '"redis"' }],
    },
    {
      name: 'a parameter default is what deploys',
      yaml: task('!Ref Image', 'Parameters:\n  Image:\n    Type: String\n    Default: nginx:latest\n'),
      errors: [
        {
          messageId: 'latest',
          message: `${latest('nginx:latest').replace(/\.$/, '')} (by the default of parameter Image).`,
          text: '!Ref Image',
        },
      ],
    },
    {
      name: 'Terraform: every container of the JSON string is judged; the findings underline the string',
      tf: tfTask(definitions('app:1.4', 'nginx:latest', 'redis')),
      errors: [
        {
          messageId: 'latest',
          message: latest('nginx:latest'),
          data: { image: 'nginx:latest' },
          text: definitions('app:1.4', 'nginx:latest', 'redis'),
        },
        { messageId: 'untagged', message: untagged('redis'), text: definitions('app:1.4', 'nginx:latest', 'redis') },
      ],
    },
    {
      name: 'Terraform: a variable’s default is what deploys',
      tf: tfTask(
        '"${var.containers}"',
        `"variable": { "containers": { "default": ${definitions('busybox:latest')} } },`,
      ),
      errors: [
        {
          messageId: 'latest',
          message: `${latest('busybox:latest').replace(/\.$/, '')} (by the default of variable containers).`,
          text: '"${var.containers}"',
        },
      ],
    },
    {
      name: 'plan: the planned JSON string',
      plan: planOf([
        {
          type: 'aws_ecs_task_definition',
          name: 'app',
          values: `{ "family": "app", "container_definitions": ${definitions('nginx:latest')} }`,
        },
      ]),
      errors: [
        {
          messageId: 'latest',
          message: inPlan(latest('nginx:latest'), 'aws_ecs_task_definition.app'),
          text: definitions('nginx:latest'),
          line: 6,
        },
      ],
    },
  ],
});
