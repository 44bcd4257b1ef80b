import * as assert from 'node:assert/strict';
import { firstUserFrame, parseFrame } from '../../src/cdk/stack-frames';

describe('creation-stack frames', () => {
  it('reads the locations of the frames aws-cdk-lib and Node write', () => {
    assert.deepEqual(parseFrame('new ApiStack (/app/out/lib/api-stack.js:14:9)'), {
      file: '/app/out/lib/api-stack.js',
      line: 14,
      column: 9,
    });
    assert.deepEqual(parseFrame('    at Object.<anonymous> (/app/bin/app.ts:7:1)'), {
      file: '/app/bin/app.ts',
      line: 7,
      column: 1,
    });
    assert.deepEqual(parseFrame('/app/bin/app.js:9:1'), { file: '/app/bin/app.js', line: 9, column: 1 });
    assert.deepEqual(parseFrame('file:///app/bin/app.mjs:3:5'), { file: '/app/bin/app.mjs', line: 3, column: 5 });
    assert.deepEqual(parseFrame('new Stack (/home/me/My App (copy)/lib/stack.js:2:3)'), {
      file: '/home/me/My App (copy)/lib/stack.js',
      line: 2,
      column: 3,
    });
    assert.deepEqual(parseFrame('new Stack (C:\\work\\app\\lib\\stack.js:4:7)'), {
      file: 'C:\\work\\app\\lib\\stack.js',
      line: 4,
      column: 7,
    });
  });

  it('finds no location in elisions, notes and relative or internal names', () => {
    for (const frame of [
      '...new Bucket2 in aws-cdk-lib...',
      '...node internals...',
      '(no user code in 10 frames, use --stack-trace-limit to capture more)',
      'internal/modules/cjs/loader.js:1137:30',
      'async Promise.all (index 0)',
      'new Function (eval at run (/app/x.js:1:2), <anonymous>:1:1)',
    ]) {
      assert.equal(parseFrame(frame), undefined, frame);
    }
  });

  it('takes the first frame outside Node and node_modules as the user’s line', () => {
    assert.deepEqual(
      firstUserFrame([
        '...aws-cdk-lib...',
        'new Bucket (/app/node_modules/aws-cdk-lib/aws-s3/lib/bucket.js:1:2)',
        'Module._compile (node:internal/modules/cjs/loader:1105:14)',
        'new Storage (/app/lib/storage.ts:12:5)',
        'Object.<anonymous> (/app/bin/app.ts:7:1)',
      ]),
      { file: '/app/lib/storage.ts', line: 12, column: 5 },
    );
    assert.equal(
      firstUserFrame(['...aws-cdk-lib...', 'new X (C:\\app\\node_modules\\aws-cdk-lib\\core\\lib\\stack.js:1:1)']),
      undefined,
    );
  });
});
