import { containerImageLatest } from '../../../src/rules/responsibility/container-image-latest';
import { RuleTester, resourcesYaml } from '../../rule-tester';

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

new RuleTester().run(containerImageLatest, {
  valid: [
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
  ],
});
