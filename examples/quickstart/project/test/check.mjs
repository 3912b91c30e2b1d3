import { sum } from '../src/math.js';
import { formatSum } from '../src/format.js';
if (sum(2, 3) !== 5) { console.error(`expected sum(2, 3) to be 5 but got ${sum(2, 3)}`); process.exit(1); }
if (formatSum(2, 3) !== '2 + 3 = 5') { console.error('formatSum is wrong'); process.exit(1); }
console.log('all checks pass');
