import * as assert from 'node:assert/strict';
import { resolveSettings } from '../../src/config/active';

const IDS = [
  'encryption/rds-storage-encryption',
  'encryption/s3-bucket-encryption',
  'encryption/s3-bucket-key',
  'firewall/security-group-open-admin-port',
  'iacsec/unused-suppression',
];

describe('rule settings by id or glob: the most specific pattern wins', () => {
  it('an exact id beats any glob, wherever it is written', () => {
    assert.deepEqual(resolveSettings({ 'encryption/s3-bucket-encryption': 'info', 'encryption/*': 'off' }, IDS), {
      'encryption/rds-storage-encryption': 'off',
      'encryption/s3-bucket-encryption': 'info',
      'encryption/s3-bucket-key': 'off',
    });
  });

  it('the glob with more literal characters beats the one with fewer; `*` alone names every rule', () => {
    assert.deepEqual(resolveSettings({ 'encryption/s3-*': 'error', '*': 'info', 'encryption/*': 'warning' }, IDS), {
      'encryption/rds-storage-encryption': 'warning',
      'encryption/s3-bucket-encryption': 'error',
      'encryption/s3-bucket-key': 'error',
      'firewall/security-group-open-admin-port': 'info',
      'iacsec/unused-suppression': 'info',
    });
  });

  it('between equally specific globs, the one written later wins', () => {
    assert.deepEqual(resolveSettings({ '*/s3-bucket-*': 'error', 'encryption/*': 'off' }, IDS.slice(1, 3)), {
      'encryption/s3-bucket-encryption': 'off',
      'encryption/s3-bucket-key': 'off',
    });
    assert.deepEqual(resolveSettings({ 'encryption/*': 'off', '*/s3-bucket-*': 'error' }, IDS.slice(1, 3)), {
      'encryption/s3-bucket-encryption': 'error',
      'encryption/s3-bucket-key': 'error',
    });
  });

  it('brace and class globs work too; a pattern that names nothing sets nothing', () => {
    assert.deepEqual(resolveSettings({ '{firewall,iacsec}/*': 'info', 'terraform/*': 'error' }, IDS), {
      'firewall/security-group-open-admin-port': 'info',
      'iacsec/unused-suppression': 'info',
    });
  });
});
