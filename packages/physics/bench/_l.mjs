import { landing } from '../dist/index.js';
for (let i = 0; i < 20000; i++) landing({ speed: 10, angle: 0.7 }, { drag: 0.01 });
const t0 = performance.now(); for (let i = 0; i < 200000; i++) landing({ speed: 10, angle: 0.7 }, { drag: 0.01 }); console.log('landing us', ((performance.now() - t0) * 1000 / 200000).toFixed(2));
