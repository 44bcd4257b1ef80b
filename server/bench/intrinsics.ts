import type { Json, JsonMap } from './emit';

// Intrinsics in long form, as JSON has them; the YAML emitter turns them into short-form tags.
export const ref = (name: string): JsonMap => ({ Ref: name });
export const getAtt = (id: string, attribute: string): JsonMap => ({ 'Fn::GetAtt': [id, attribute] });
export const sub = (text: string): JsonMap => ({ 'Fn::Sub': text });
export const fnIf = (condition: string, whenTrue: Json, whenFalse: Json): JsonMap => ({
  'Fn::If': [condition, whenTrue, whenFalse],
});
export const equals = (left: Json, right: Json): JsonMap => ({ 'Fn::Equals': [left, right] });
export const condition = (name: string): JsonMap => ({ Condition: name });
export const NO_VALUE = ref('AWS::NoValue');

/** A resource of a generated template: logical id and body. `n` numbers the cycle it belongs to. */
export type Slot = (n: number) => [string, JsonMap];
