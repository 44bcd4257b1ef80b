import type { Resource } from '../../model/template';
import { stringOf } from '../../model/values';
import { itemValues } from '../branches';
import { attributes } from '../terraform';
import type { Rule, RuleContext } from '../types';

type MessageId = 'latest' | 'untagged';

const WHY =
  'a mutable tag, so the software this task runs changes whenever someone pushes, without a deployment, and ' +
  'cannot be audited or rolled back; knowing and patching the application software is the customer’s job.';

export const containerImageLatest = {
  meta: {
    id: 'responsibility/container-image-latest',
    title: 'ECS containers run a pinned image, not latest',
    severity: 'warning',
    responsibility: 'application',
    messages: {
      latest: `Image '{{image}}' is tagged latest, ${WHY}`,
      untagged: `Image '{{image}}' has no tag, which means latest, ${WHY}`,
    },
    rationale:
      'The software inside a container is the customer’s side of the shared-responsibility model. An image named ' +
      'by latest (or by no tag, which is the same) resolves to whatever was pushed last each time ECS starts a ' +
      'task: two tasks of one service can run different code, a compromised push reaches production on the next ' +
      'scale-out, a rollback cannot name the previous image, and a vulnerability report cannot say which build ran.',
    remediation:
      'Name the image by a version tag that is never reused (the commit id, with an ECR repository whose tags are ' +
      'immutable) or by its digest (repository@sha256:…), and deploy a new task definition to change it.',
    references: [
      {
        tool: 'kics',
        id: 'f45ea400-6bbe-4501-9fc7-1c3d75c32067',
        match: 'related',
        name: 'Image Version Using ‘latest’ (Dockerfile FROM, not CloudFormation)',
      },
    ],
    fix: 'none',
  },
  visitors: {
    // Lambda resolves an image tag to its digest when the function is deployed, so a moving tag does not change a
    // running function; Batch and EKS are left out to keep the scope to ECS, where tasks pull on every start.
    cloudformation: { 'AWS::ECS::TaskDefinition': checkTaskDefinition },
    // The same scope in Terraform: ECS task definitions only, not aws_lambda_function.image_uri.
    terraform: { aws_ecs_task_definition: checkTerraformTaskDefinition },
  },
} satisfies Rule<MessageId>;

// No fix: the digest or version to pin is not knowable offline, and choosing one is a release decision.
function checkTaskDefinition(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  const properties = values.resolve(resource.properties, resource.anchor);
  for (const containers of values.lookup(properties, 'ContainerDefinitions')) {
    if (containers.kind !== 'seq') continue;
    for (const items of itemValues(values, containers.seq, containers.node, containers.via)) {
      for (const image of values.lookup(items, 'Image')) {
        const name = stringOf(image);
        const kind = name === undefined ? undefined : classify(name);
        if (name === undefined || kind === undefined) continue;
        context.report({ node: image.node, messageId: kind, data: { image: name }, via: image.via });
      }
    }
  }
}

/**
 * Terraform: `container_definitions` is a JSON string. A literal one (in a plan, always) is parsed; one built by an
 * expression (`${jsonencode(...)}`, a template) is unknown. The finding underlines the whole string, which holds
 * the image: a position inside it would not survive the string's escapes.
 */
function checkTerraformTaskDefinition(resource: Resource, context: RuleContext<MessageId>): void {
  const values = context.values;
  for (const definitions of values.lookup(attributes(resource, values), 'container_definitions')) {
    const text = stringOf(definitions);
    if (text === undefined) continue;
    for (const name of imagesIn(text)) {
      const kind = classify(name);
      if (kind === undefined) continue;
      context.report({ node: definitions.node, messageId: kind, data: { image: name }, via: definitions.via });
    }
  }
}

/** The `image` of each container in a JSON array of container definitions; none when the text is not one. */
function imagesIn(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const images: string[] = [];
  for (const container of parsed as unknown[]) {
    if (typeof container !== 'object' || container === null) continue;
    const image = (container as { image?: unknown }).image;
    if (typeof image === 'string') images.push(image);
  }
  return images;
}

/** `latest` or `untagged` for a mutable reference to latest; undefined for a digest or any other tag. */
function classify(image: string): MessageId | undefined {
  const reference = image.trim();
  // A digest pins the content whatever the tag says; an empty or templated name cannot be judged.
  if (reference === '' || reference.includes('@') || reference.includes('${')) return undefined;
  // The tag follows the last ':' after the last '/' (a ':' before it belongs to a registry's port).
  const lastPart = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon < 0) return 'untagged';
  return lastPart.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}
