import { type Allot, actors, type Member } from '@allot/core';
import express, { type Request, type Response, Router } from 'express';
import { DEMO_ORG } from './demo-org';
import { sessionUserId, setSession } from './session';
import { simulateUsage } from './simulate';

/** The demo's own endpoints (not part of Allot): who can sign in, sign-in/up, simulated usage. */
export function demoRoutes(allot: Allot): Router {
  const router = Router();
  router.use(express.json({ limit: '10kb' }));
  const system = actors.system();

  async function activeMembers(): Promise<Member[]> {
    const page = await allot.members({ actor: system, orgId: DEMO_ORG.id, limit: 500 });
    if (page.isErr()) throw new Error(page.error.message);
    return page.value.items;
  }

  function problem(res: Response, status: number, detail: string) {
    res
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: 'Demo', status, detail });
  }

  router.get('/users', async (_req, res) => {
    const members = await activeMembers();
    res.json({
      org: { id: DEMO_ORG.id, name: DEMO_ORG.name, domain: DEMO_ORG.domain },
      users: members.map(({ userId, name, email, role }) => ({ userId, name, email, role })),
    });
  });

  router.get('/session', async (req: Request, res) => {
    const userId = sessionUserId(req);
    const member = userId ? (await activeMembers()).find((m) => m.userId === userId) : undefined;
    res.json({
      org: { id: DEMO_ORG.id, name: DEMO_ORG.name, domain: DEMO_ORG.domain },
      user: member
        ? { userId: member.userId, name: member.name, email: member.email, role: member.role }
        : null,
    });
  });

  router.post('/sign-in', async (req, res) => {
    const userId = typeof req.body?.userId === 'string' ? req.body.userId : '';
    const member = (await activeMembers()).find((m) => m.userId === userId);
    if (!member) return problem(res, 404, `No member "${userId}" in ${DEMO_ORG.name}.`);
    setSession(res, member.userId);
    res.json({ userId: member.userId, role: member.role });
  });

  router.post('/sign-out', (_req, res) => {
    setSession(res, null);
    res.status(204).end();
  });

  router.post('/sign-up', async (req, res) => {
    const name = typeof req.body?.name === 'string' ? req.body.name.trim() : '';
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    if (!name || !email) return problem(res, 400, 'Enter a name and an email address.');
    // The host's own sign-up: Allot enrolls the person if their email domain belongs to an org.
    const result = await allot.enroll({ actor: system, userId: email, email, name });
    if (result.isErr()) return problem(res, 400, result.error.message);
    if (result.value.outcome === 'no_matching_org') {
      return problem(res, 422, `Only @${DEMO_ORG.domain} addresses join ${DEMO_ORG.name} automatically.`);
    }
    setSession(res, email);
    res.status(result.value.outcome === 'enrolled' ? 201 : 200).json(result.value);
  });

  router.post('/simulate-usage', async (req, res) => {
    if (!sessionUserId(req)) return problem(res, 401, 'Sign in first.');
    res.json(await simulateUsage(allot, DEMO_ORG.id));
  });

  return router;
}
