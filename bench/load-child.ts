/**
 * The load generator's own process: autocannon runs here so that it does not share an
 * event loop with the server it measures. The parent sends one LoadSpec over IPC and
 * receives LoadStats back (see load.ts).
 */
import autocannon from 'autocannon';
import type { LoadSpec } from './load';
import { type LoadStats, summarise } from './stats';

interface PoolItem {
  id: string;
  version: number;
  progress: number;
  busy: boolean;
}

/** The autocannon `requests` entry for a spec; state (versions, cursors) lives in closures. */
function requestsFor(spec: LoadSpec): autocannon.Request[] {
  const r = spec.request;
  if (r.kind === 'fixed') {
    return [{ method: r.method, path: r.path, body: r.body }];
  }
  if (r.kind === 'rotate') {
    let i = 0;
    return [
      {
        method: 'GET',
        setupRequest: (req) => {
          const path = r.paths[i++ % r.paths.length];
          return { ...req, method: 'GET', path };
        },
      },
    ];
  }
  if (r.kind === 'once') {
    let i = 0;
    return [
      {
        method: r.method,
        setupRequest: (req) => {
          const item = r.items[i++ % r.items.length];
          return {
            ...req,
            method: r.method,
            path: item.path,
            headers: { ...req.headers, 'content-type': 'application/json' },
            body: item.body,
          };
        },
      },
    ];
  }
  // Updates: each in-flight request owns its measure, so concurrent connections never race
  // on one version; the next version comes from the response body.
  const pool: PoolItem[] = r.pool.map((m) => ({ ...m, busy: false }));
  const byId = new Map(pool.map((p) => [p.id, p]));
  let cursor = 0;
  return [
    {
      method: 'PATCH',
      setupRequest: (req, context) => {
        let item: PoolItem | undefined;
        for (let k = 0; k < pool.length && !item; k++) {
          const candidate = pool[cursor++ % pool.length];
          if (!candidate.busy) item = candidate;
        }
        if (!item) item = pool[cursor++ % pool.length];
        item.busy = true;
        // Move progress by a step that keeps it in 1..99: the change is real (a new version,
        // an audit event, a roll-up) but status and the overdue filter stay as they were.
        const progress = (item.progress % 98) + 1;
        (context as { id?: string }).id = item.id;
        return {
          ...req,
          method: 'PATCH',
          path: `${r.pathPrefix}${item.id}`,
          headers: { ...req.headers, 'content-type': 'application/json' },
          // an admin's direct correction of progress says why (status and progress follow reports)
          body: JSON.stringify({ version: item.version, progress, reason: 'нагрузочный тест' }),
        };
      },
      onResponse: (status, body, context) => {
        const item = byId.get((context as { id?: string }).id ?? '');
        if (!item) return;
        item.busy = false;
        if (!r.trackVersions) return;
        if (status >= 200 && status < 300) {
          try {
            const m = JSON.parse(body) as { version: number; progress: number };
            item.version = m.version;
            item.progress = m.progress;
          } catch {
            /* a truncated body: the next 409 will tell */
          }
        } else if (status === 409) {
          // Someone else (a roll-up does not bump versions) changed it: take the current one.
          try {
            const e = JSON.parse(body) as { error?: { details?: { path: string; message: string }[] } };
            const current = e.error?.details?.find((d) => d.path === 'version')?.message.match(/\d+/)?.[0];
            if (current) item.version = Number(current);
          } catch {
            /* keep the old version */
          }
        }
      },
    },
  ];
}

function once(spec: LoadSpec, requests: autocannon.Request[], seconds: number): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const ok: number[] = [];
    let non2xx = 0;
    const statusCodes: Record<string, number> = {};
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        headers: spec.headers,
        requests,
        timeout: 30,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve(
          summarise(ok, result.duration || seconds, {
            non2xx,
            errors: result.errors + result.timeouts,
            statusCodes,
          }),
        );
      },
    );
    // autocannon's own histogram keeps whole milliseconds; keep the exact times instead.
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) ok.push(responseTime);
      else non2xx++;
    });
  });
}

process.on('message', async (spec: LoadSpec) => {
  try {
    const requests = requestsFor(spec);
    if (spec.warmupSeconds > 0) await once(spec, requests, spec.warmupSeconds);
    process.send?.({ phase: 'measuring' });
    const stats = await once(spec, requests, spec.duration);
    process.send?.({ ok: true, stats });
  } catch (e) {
    process.send?.({ ok: false, error: e instanceof Error ? e.stack : String(e) });
  }
});
