/**
 * The bare HTTP floor of an operation: Fastify with no database, no authentication and no
 * validation, answering with a pre-built body of the same byte size as the real response.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface BareServer {
  url: string;
  /** Sets the body the next load will receive (GET, PATCH and POST on any path). */
  setBody(body: Buffer): void;
  close(): Promise<void>;
}

/** Starts the bare server on 127.0.0.1 at a free port. */
export async function startBare(): Promise<BareServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  let body: Buffer = Buffer.from('{}');
  const send = (_req: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) =>
    reply.type('application/json; charset=utf-8').send(body);
  // PATCH gets its JSON body parsed like the real route's, then the same canned answer.
  app.get('/*', async (req, reply) => send(req, reply));
  app.patch('/*', async (req, reply) => send(req, reply));
  app.post('/*', async (req, reply) => send(req, reply));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    setBody: (b) => {
      body = b;
    },
    close: () => app.close(),
  };
}

/** A JSON body of exactly `bytes` bytes (padding inside a string field). */
export function bodyOfSize(bytes: number): Buffer {
  const shell = '{"pad":""}';
  return Buffer.from(`{"pad":"${'x'.repeat(Math.max(0, bytes - shell.length))}"}`);
}
