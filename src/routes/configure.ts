import type { FastifyInstance } from 'fastify';

/**
 * The configure page's addresses. Until the page ships, each answers with a short HTML page
 * pointing at the User API, so Stremio's "Configure" button never lands on an error.
 */
const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Configure</title></head><body><main><h1>Configure</h1>
<p>The configuration page is not available yet. Configurations can be created and edited through the User API at <code>/api/v1/user</code> (see <a href="/api/v1/openapi.json">the OpenAPI document</a>).</p>
</main></body></html>`;

export async function configureRoutes(app: FastifyInstance): Promise<void> {
  const page = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PLACEHOLDER);
  app.get('/stremio/configure', page);
  app.get('/stremio/:uuid/:token/configure', page);
  app.get('/configure', (_req, reply) => reply.redirect('/stremio/configure', 302));
  app.get('/', (_req, reply) => reply.redirect('/stremio/configure', 302));
}
