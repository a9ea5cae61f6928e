import { validateDataset } from '@virtbib/schema';
const t0 = performance.now();
const r = await validateDataset(process.argv[2], { keepData: false, cache: process.argv[3] });
const t = globalThis.__t; let prev = t[0][1];
console.log('import->start', (t[0][1]).toFixed(0), t.map(([k, v]) => { const d = (v - prev).toFixed(0); prev = v; return `${k} ${d}`; }).join(' | '), 'cached', r.cachedCount);
