/**
 * Several officials in one matter (共同失误，多人一案) over HTTP; the shapes are
 * src/api/joint-matters.ts, the use cases src/app/joint/.
 */
import type { FastifyInstance } from 'fastify';
import {
  CaseIdParams,
  JointFactAnswer,
  JointFactBody,
  JointMatterAnswer,
  JointMatterBody,
  JointMatterIdParams,
  JointMembersAnswer,
  JointMembersBody,
  OpenedJointMatter,
} from '../../api/index.js';
import type { AppContext } from '../../app/context.js';
import { addJointMembers } from '../../app/joint/add-members.js';
import { openJointMatter } from '../../app/joint/open.js';
import { recordJointFact } from '../../app/joint/record-fact.js';
import { getJointMatter } from '../../app/queries/joint-matter.js';
import { actorOf } from '../auth/authenticate.js';
import { responses, typed } from '../schemas.js';

export async function jointMatterRoutes(base: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const app = typed(base);
  app.post(
    '/joint-matters',
    {
      schema: {
        tags: ['cases'],
        summary: '登记共同事项（多人一案）· Open a joint matter of several officials',
        description:
          'One accountability matter of several officials, each with their role in it: opens one ex-officio case per official (its own number, file and determination) in one transaction, with the facts common to all recorded in each case (source joint) where the official has no value of their own. The officials must be decided by one body. For intake officers and investigators of that jurisdiction or above (403 FORBIDDEN).',
        body: JointMatterBody,
        response: responses({ 201: OpenedJointMatter }),
      },
    },
    async (req, reply) => {
      const r = await openJointMatter(ctx, actorOf(req), req.body);
      reply.status(201);
      return {
        jointMatterId: r.jointMatterId,
        cases: r.cases.map((c) => ({ id: c.id, number: c.number, officialId: c.officialId })),
      };
    },
  );

  app.post(
    '/joint-matters/:id/facts',
    {
      schema: {
        tags: ['cases'],
        summary: '记录共同事实 · Record a fact common to every official',
        description:
          'Records the fact in each official’s case, in one transaction, except where the case has a value of its own (it stands: `kept`). Each case’s trail shows it (case.joint_fact_recorded). Every case must allow recording a fact (its investigator, in verification), or none changes.',
        params: JointMatterIdParams,
        body: JointFactBody,
        response: responses({ 200: JointFactAnswer }),
      },
    },
    async (req) =>
      recordJointFact(ctx, actorOf(req), { ...req.body, jointMatterId: req.params.id }),
  );

  app.post(
    '/joint-matters/:id/members',
    {
      schema: {
        tags: ['cases'],
        summary: '组成共同研究组 · Seat one panel on every official’s case',
        description:
          'The chair seats the members on each case of the matter, in one transaction, each case checked as a panel of its own (a member who is a party to any of the cases is refused for all). Votes and decisions stay per official.',
        params: JointMatterIdParams,
        body: JointMembersBody,
        response: responses({ 200: JointMembersAnswer }),
      },
    },
    async (req) =>
      addJointMembers(ctx, actorOf(req), { ...req.body, jointMatterId: req.params.id }),
  );

  app.get(
    '/cases/:id/joint-matter',
    {
      schema: {
        tags: ['cases'],
        summary: '同一事项的其他干部 · The joint matter of a case',
        description:
          'The joint matter the case is part of (null when none): every official’s case the reader may read, with their role and, for case officers, the recommendation on their facts, the votes and the determination. Each case read is logged (case.joint).',
        params: CaseIdParams,
        response: responses({ 200: JointMatterAnswer }),
      },
    },
    async (req) => ({ jointMatter: await getJointMatter(ctx, actorOf(req), req.params.id) }),
  );
}
