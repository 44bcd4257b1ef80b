/**
 * Short-form tags of CloudFormation — intrinsic functions, the language extensions, and the functions of a
 * template's `Rules` section — and the long names they stand for.
 */
export const SHORT_FORM_TAGS: ReadonlyMap<string, string> = new Map(
  [
    'Ref',
    'Condition',
    'Fn::Sub',
    'Fn::GetAtt',
    'Fn::If',
    'Fn::Join',
    'Fn::Select',
    'Fn::Split',
    'Fn::FindInMap',
    'Fn::Base64',
    'Fn::Cidr',
    'Fn::ImportValue',
    'Fn::GetAZs',
    'Fn::Equals',
    'Fn::And',
    'Fn::Or',
    'Fn::Not',
    'Fn::Transform',
    'Fn::ToJsonString',
    'Fn::Length',
    'Fn::Contains',
    'Fn::EachMemberEquals',
    'Fn::EachMemberIn',
    'Fn::RefAll',
    'Fn::ValueOf',
    'Fn::ValueOfAll',
  ].map((name) => [`!${name.replace(/^Fn::/, '')}`, name]),
);

/** Rain's directives (`!Rain::Embed`, `!Rain::Module`, …), expanded by `rain pkg`: read as opaque functions. */
export const RAIN_PREFIX = '!Rain::';

/** The long name a short-form tag stands for; undefined for any other tag. */
export function longNameOf(tag: string): string | undefined {
  return SHORT_FORM_TAGS.get(tag) ?? (tag.startsWith(RAIN_PREFIX) ? tag.slice(1) : undefined);
}
