import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings, SeverityCustomizer } from '../../src/lsp/settings';
import { DEFAULT_LIMITS } from '../../src/parsing/errors';

describe('editor settings', () => {
  it('takes each well-formed field and keeps the default for the rest', () => {
    assert.deepEqual(
      readSettings({
        enable: 'yes',
        run: 'onSave',
        debounce: 99999,
        rules: {
          customizations: [{ rule: 'encryption/*', severity: 'info' }, { rule: 3 }, { rule: 'x', severity: 'loud' }],
        },
        ignore: ['gen/**', 7, ''],
        configFile: ' team.yaml ',
        docs: { baseUrl: 'https://example.com/rules' },
        limits: { maxTemplateBytes: 1024, maxPlanBytes: '1 GB', maxDepth: 1001, maxAliases: 0.5 },
      }),
      {
        enable: true,
        run: 'onSave',
        debounce: 5000,
        rules: { customizations: [{ rule: 'encryption/*', severity: 'info' }] },
        ignore: ['gen/**'],
        configFile: 'team.yaml',
        docs: { baseUrl: 'https://example.com/rules/' },
        limits: { ...DEFAULT_LIMITS, maxTemplateBytes: 1024 },
      },
    );
    assert.equal(readSettings(null), DEFAULT_SETTINGS);
    assert.equal(
      readSettings({ docs: { baseUrl: 'javascript:alert(1)' } }).docs.baseUrl,
      DEFAULT_SETTINGS.docs.baseUrl,
    );
  });

  it('lets the last matching customisation decide, with `default` giving the severity back', () => {
    const customizer = new SeverityCustomizer([
      { rule: '*', severity: 'info' },
      { rule: 'firewall/*', severity: 'off' },
      { rule: 'firewall/security-group-open-admin-port', severity: 'default' },
    ]);
    assert.equal(customizer.severity('encryption/s3-bucket-encryption', 'warning'), 'info');
    assert.equal(customizer.severity('firewall/security-group-open-egress', 'info'), 'off');
    assert.equal(customizer.severity('firewall/security-group-open-admin-port', 'error'), 'error');
    assert.equal(new SeverityCustomizer([]).severity('firewall/x', 'warning'), 'warning');
  });
});
