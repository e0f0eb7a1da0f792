/**
 * Test helpers for the roadmap, measure and timeline features: data builders, a render
 * with the app's providers and a router, and a stand-in HTTP server for `fetch` that
 * records every request. Only tests import this file.
 */
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { Measure, Organisation, Party, Roadmap, Sphere, User } from '../../../contracts';
import { sessionKey } from '../../api/session';
import { Providers } from '../../app/Providers';

let seq = 0;
/** A UUID-shaped id that is unique within the test run and readable in failures. */
export const id = (tag = 'x') => {
  seq += 1;
  const hex = Array.from(`${tag}${seq}`)
    .map((c) => c.charCodeAt(0).toString(16))
    .join('')
    .padStart(12, '0')
    .slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
};

const stamp = '2025-12-01T10:00:00.000Z';

/** A party. */
export const buildParty = (code: string, ru: string): Party => ({
  id: id(code),
  code,
  kind: 'state',
  name: { ru },
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});

/** An organisation of a party. */
export const buildOrg = (party: Party, ru: string): Organisation => ({
  id: id('o'),
  partyId: party.id,
  parentId: null,
  kind: 'ministry',
  name: { ru },
  shortName: null,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});

/** A sphere. */
export const buildSphere = (code: string, ru: string, position = 0): Sphere => ({
  id: id('s'),
  code,
  name: { ru },
  description: null,
  position,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
});

/** A roadmap. */
export const buildRoadmap = (overrides: Partial<Roadmap> = {}): Roadmap => ({
  id: id('r'),
  title: { ru: 'Дорожная карта 2026–2028' },
  description: null,
  status: 'approved',
  agreementIds: [],
  reportingFrequency: 'quarterly',
  reportDueDays: 10,
  measureCount: 0,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
  ...overrides,
});

/** A measure; `parent` sets parentId and depth. */
export function buildMeasure(
  code: string,
  overrides: Partial<Measure> & { parent?: Measure; roadmap?: Roadmap } = {},
): Measure {
  const { parent, roadmap, ...rest } = overrides;
  return {
    id: id('m'),
    roadmapId: roadmap?.id ?? parent?.roadmapId ?? '00000000-0000-4000-8000-00000000000a',
    parentId: parent?.id ?? null,
    code,
    depth: code.split('.').length - 1,
    title: { ru: `Мероприятие ${code}` },
    description: null,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    completionForm: 'event_held',
    weight: 1,
    tier: 'shared',
    ownerPartyId: null,
    status: 'not_started',
    progress: 0,
    completionLevel: 'not_started',
    overdue: false,
    atRisk: false,
    disputed: false,
    lateReport: false,
    childCount: 0,
    sphereIds: [],
    provisionIds: [],
    responsible: [],
    dependsOn: [],
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...rest,
  };
}

/** A signed-in user. */
export const buildUser = (overrides: Partial<User> = {}): User => ({
  id: id('u'),
  email: 'admin@accord.local',
  name: 'Секретариат',
  role: 'admin',
  organisationId: null,
  partyId: null,
  locale: 'ru',
  disabled: false,
  lastSignInAt: null,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
  ...overrides,
});

/** Shows the router's current search string, so tests can read the URL. */
function LocationProbe() {
  const loc = useLocation();
  return (
    <output data-testid="location" data-pathname={loc.pathname}>
      {loc.search}
    </output>
  );
}

/** Renders `element` at `route` (matching `path`) inside the app's providers. */
export function renderPage(
  element: ReactNode,
  { route = '/', path = '*', user = null as User | null, client = testClient() } = {},
) {
  if (user) client.setQueryData(sessionKey, { user, expiresAt: null });
  const result = render(
    <Providers client={client}>
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={element} />
          <Route path="/measures/:id" element={<p data-testid="measure-page">measure page</p>} />
        </Routes>
        <LocationProbe />
      </MemoryRouter>
    </Providers>,
  );
  return { ...result, client };
}

/** A QueryClient without retries, so failures show at once. */
export const testClient = () =>
  new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });

/** One recorded request to the stand-in server. */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (req: Recorded) => { status?: number; body: unknown } | undefined;

/**
 * Replaces `fetch` with a stand-in API: each handler may answer a request; lists answer in
 * the API's page shape. Returns the log of requests and a restore function.
 */
export function fakeApi(handler: Handler) {
  const log: Recorded[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const req: Recorded = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    log.push(req);
    const answer = handler(req) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: `${req.path} not found` } },
    };
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  return { log, restore: () => (globalThis.fetch = original) };
}

/** The API's list shape. */
export const page = <T,>(data: T[]) => ({ data, page: 1, limit: 500, total: data.length });

/**
 * jsdom has no layout: give scroll containers a height so the virtualiser renders rows,
 * and accept scrollTo calls.
 */
export function fakeLayout(height = 800) {
  const proto = HTMLElement.prototype;
  const before = Object.getOwnPropertyDescriptor(proto, 'clientHeight');
  const beforeW = Object.getOwnPropertyDescriptor(proto, 'clientWidth');
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 1200 });
  const scrollTo = Element.prototype.scrollTo;
  Element.prototype.scrollTo = function scrollToStub() {} as typeof Element.prototype.scrollTo;
  return () => {
    if (before) Object.defineProperty(proto, 'clientHeight', before);
    if (beforeW) Object.defineProperty(proto, 'clientWidth', beforeW);
    Element.prototype.scrollTo = scrollTo;
  };
}
