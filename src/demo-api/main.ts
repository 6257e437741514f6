import { parseArgs } from 'node:util';
import { startDemoServer } from './demo-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    control: { type: 'boolean' },
  },
});
const server = await startDemoServer({
  port: Number(values.port),
  host: values.host,
  control: values.control === true,
});
console.log(`umi demo API: ${server.url}/openapi.json`);
