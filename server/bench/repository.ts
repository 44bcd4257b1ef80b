import * as fs from 'node:fs';
import * as path from 'node:path';
import { type JsonMap, toJson, toYaml } from './emit';
import { realisticTemplate } from './generate';
import { terraformJson, terraformPlan } from './terraform';

/*
 * The repository `iacsec scan` is run on for the CI-scale rows: infrastructure of a few teams and their services,
 * as a monorepo holds it. Nine files in ten are IaC in every format iacsec reads; the tenth is YAML or JSON that
 * the scan must read and pass over (Kubernetes manifests, workflows, package manifests).
 */

export type RepositoryKind = 'cfn yaml' | 'cfn json' | 'tf.json' | 'plan' | 'other yaml' | 'other json';

export interface RepositoryFile {
  /** `/`-separated, relative to the repository's root. */
  readonly path: string;
  readonly kind: RepositoryKind;
  readonly text: string;
}

/** By file number modulo 10: four in ten CloudFormation YAML, two JSON, two `.tf.json`, one plan, one other. */
const KIND_CYCLE: readonly RepositoryKind[] = [
  'cfn yaml',
  'cfn json',
  'tf.json',
  'cfn yaml',
  'plan',
  'cfn yaml',
  'tf.json',
  'cfn json',
  'cfn yaml',
  'other yaml',
];

/** Resources in a file, by its number: mostly small stacks, a few large ones, as in real repositories. */
const SIZE_CYCLE: readonly number[] = [3, 6, 10, 4, 15, 8, 25, 5, 40, 12, 80, 7];

const TEAMS = ['payments', 'identity', 'search', 'platform', 'data'];
const ENVIRONMENTS = ['dev', 'prod'];
const FILES_PER_DIRECTORY = 10;

/** `count` files in nested directories (`teams/<team>/services/<service>/<env>/…`); the same count gives the same bytes. */
export function ciRepository(count: number): RepositoryFile[] {
  // Templates of one kind and size are alike, so each is generated once.
  const texts = new Map<string, string>();
  const textOf = (kind: RepositoryKind, size: number, n: number): string => {
    if (kind === 'other yaml' || kind === 'other json') return generate(kind, size, n);
    const key = `${kind} ${size}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = generate(kind, size, n);
      texts.set(key, text);
    }
    return text;
  };
  const files: RepositoryFile[] = [];
  for (let n = 0; n < count; n++) {
    const directory = Math.floor(n / FILES_PER_DIRECTORY);
    const team = TEAMS[directory % TEAMS.length] ?? 'team';
    const environment = ENVIRONMENTS[Math.floor(directory / TEAMS.length) % ENVIRONMENTS.length] ?? 'env';
    const service = `svc-${Math.floor(directory / (TEAMS.length * ENVIRONMENTS.length))}`;
    const cycled = KIND_CYCLE[n % KIND_CYCLE.length] ?? 'cfn yaml';
    const kind = cycled === 'other yaml' && otherVariant(n) === 'package' ? 'other json' : cycled;
    const size = SIZE_CYCLE[Math.floor(n / KIND_CYCLE.length) % SIZE_CYCLE.length] ?? 10;
    const name = fileName(kind, n);
    const sub =
      kind === 'tf.json' || kind === 'plan' ? 'terraform' : kind.startsWith('cfn') ? 'cloudformation' : 'config';
    files.push({
      path: `teams/${team}/services/${service}/${environment}/${sub}/${name}`,
      kind,
      text: textOf(kind, size, n),
    });
  }
  return files;
}

/** Writes the files under `root`, making directories as needed. */
export function writeRepository(root: string, files: readonly RepositoryFile[]): void {
  for (const file of files) {
    const absolute = path.join(root, ...file.path.split('/'));
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, file.text);
  }
}

/** Which file that is not IaC the n-th is, taking turns. */
function otherVariant(n: number): 'deployment' | 'workflow' | 'package' {
  const variants = ['deployment', 'workflow', 'package'] as const;
  return variants[Math.floor(n / KIND_CYCLE.length) % variants.length] ?? 'package';
}

function fileName(kind: RepositoryKind, n: number): string {
  const number = String(n).padStart(4, '0');
  switch (kind) {
    case 'cfn yaml':
      return `stack-${number}.yaml`;
    case 'cfn json':
      return `stack-${number}.json`;
    case 'tf.json':
      return `main-${number}.tf.json`;
    case 'plan':
      return `plan-${number}.json`;
    case 'other yaml':
      return otherVariant(n) === 'deployment' ? `deployment-${number}.yaml` : `workflow-${number}.yml`;
    case 'other json':
      return `package-${number}.json`;
  }
}

function generate(kind: RepositoryKind, size: number, n: number): string {
  switch (kind) {
    case 'cfn yaml':
      return toYaml(realisticTemplate(size));
    case 'cfn json':
      return toJson(realisticTemplate(size));
    case 'tf.json':
      return terraformJson(size);
    case 'plan':
      return terraformPlan(size);
    case 'other yaml':
      return toYaml(otherVariant(n) === 'deployment' ? kubernetesDeployment(n) : workflow(n));
    case 'other json':
      return toJson(packageManifest(n));
  }
}

function kubernetesDeployment(n: number): JsonMap {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `service-${n}`, labels: { app: `service-${n}` } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: `service-${n}` } },
      template: {
        metadata: { labels: { app: `service-${n}` } },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example.com/service-${n}:1.${n}.0`,
              ports: [{ containerPort: 8080 }],
              resources: { limits: { cpu: '500m', memory: '256Mi' } },
            },
          ],
        },
      },
    },
  };
}

function workflow(n: number): JsonMap {
  return {
    name: `deploy-${n}`,
    on: { push: { branches: ['main'] } },
    jobs: {
      deploy: {
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: 'actions/checkout@v4' },
          { name: 'Deploy', run: `aws cloudformation deploy --template-file stack-${n}.yaml --stack-name s${n}\n` },
        ],
      },
    },
  };
}

function packageManifest(n: number): JsonMap {
  return {
    name: `@example/service-${n}`,
    version: '1.0.0',
    private: true,
    scripts: { build: 'tsc -b', test: 'mocha' },
    dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.0.0' },
  };
}
