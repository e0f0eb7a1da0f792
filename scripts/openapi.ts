// `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json (commit it; the
// tests fail while it differs from what the routes declare).
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument, formatOpenApi, OPENAPI_FILE } from '../src/server/openapi-document';

const doc = (await buildOpenApiDocument()) as { paths: Record<string, object> };
writeFileSync(OPENAPI_FILE, formatOpenApi(doc));
const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
process.stdout.write(`wrote ${path(OPENAPI_FILE)}: ${operations} operations\n`);

function path(file: string) {
  return file.slice(process.cwd().length + 1) || file;
}
