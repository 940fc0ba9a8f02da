import { load, printTable, type LoadResult } from './load.js';
import { startServerProcess } from './server-process.js';

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const CONFIG = {
  presets: [{ type: 'custom', instanceId: 'tio', enabled: true, options: { name: 'Torrentio', manifestUrl: 'https://torrentio.example/manifest.json', timeout: 6000 } }],
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'RD_API_KEY' } }],
  formatter: { id: 'prism' },
  sortCriteria: { global: [{ key: 'cached', direction: 'desc' }, { key: 'resolution', direction: 'desc' }] },
  preferredResolutions: ['2160p', '1080p', '720p', 'Unknown'],
  excludedQualities: ['CAM', 'TS'],
};

/** The User API section: the issue's targets are HEAD ≥ 15k, GET token/password ≥ 10k, PUT ≥ 3k, POST ≥ 50 req/s, idle RSS ≤ 80 MB. */
export async function benchUserApi(seconds: number): Promise<void> {
  const server = await startServerProcess();
  try {
    const api = `${server.url}/api/v1/user`;
    const created = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: CONFIG, password: 'bench-password' }),
    }).then((r) => r.json() as Promise<{ data: { uuid: string; encryptedPassword: string } }>);
    const { uuid, encryptedPassword: token } = created.data;
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = server.rssMb();

    const rows: LoadResult[] = [];
    const rss: number[] = [];
    const run = async (o: Parameters<typeof load>[0]) => {
      rows.push(await load({ seconds, ...o }));
      rss.push(server.rssMb());
    };
    await run({ name: 'HEAD ?uuid=', url: `${api}?uuid=${uuid}`, method: 'HEAD' });
    await run({ name: 'GET (token)', url: api, headers: { authorization: basic(uuid, token) } });
    await run({ name: 'GET (repeated password)', url: api, headers: { authorization: basic(uuid, 'bench-password') } });
    await run({
      name: 'PUT (token)',
      url: api,
      method: 'PUT',
      headers: { authorization: basic(uuid, token), 'content-type': 'application/json' },
      body: JSON.stringify({ config: CONFIG }),
    });
    await run({
      name: 'POST (Argon2id per request)',
      url: api,
      method: 'POST',
      connections: 8,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: CONFIG, password: 'bench-password' }),
    });
    console.log('\n== User API (SQLite, rate limits off, load generator on the same machine) ==');
    printTable(rows);
    console.log(`RSS: idle ${idleRss.toFixed(1)} MB; after each run ${rss.map((r) => r.toFixed(1)).join(' / ')} MB`);
  } finally {
    await server.stop();
  }
}
