import type { INestApplicationContext } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { DemoStory } from '../common/contexts/bounded-context.js';
import type { ContextRegistry } from '../common/contexts/context-registry.js';
import type { Actor, Role } from '../common/domain/actor.js';
import { generatePassword } from '../identity/passwords.js';
import { UsersService } from '../identity/users.service.js';

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  jobTitle: string;
  token: string;
  password: string;
}

/** Every demonstration person's address is at this domain; it marks a database holding the demo. */
export const DEMO_EMAIL_DOMAIN = 'demo.leicester.example';

const PEOPLE: Omit<DemoUser, 'token' | 'password'>[] = [
  {
    email: `helen.marsh@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Helen Marsh',
    role: 'admin',
    jobTitle: 'Strategy and Performance Manager',
  },
  {
    email: `priya.mistry@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Priya Mistry',
    role: 'officer',
    jobTitle: 'VCSE Engagement Manager',
  },
  {
    email: `daniel.okafor@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Daniel Okafor',
    role: 'officer',
    jobTitle: 'Community Funding Lead',
  },
  {
    email: `sarah.whitfield@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Sarah Whitfield',
    role: 'officer',
    jobTitle: 'Volunteering Coordinator',
  },
  {
    email: `tom.chauhan@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Tom Chauhan',
    role: 'officer',
    jobTitle: 'Policy and Partnerships Officer',
  },
  {
    email: `jo.bennett@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Cllr Jo Bennett',
    role: 'scrutiny',
    jobTitle: 'Chair, Neighbourhood Services Scrutiny Commission',
  },
  {
    email: `mark.ellis@${DEMO_EMAIL_DOMAIN}`,
    displayName: 'Mark Ellis',
    role: 'auditor',
    jobTitle: 'Internal Audit',
  },
];

/**
 * The demonstration: its people, each with a password and an API token, then each context's part
 * of the story in the registry's order (a context after those it builds on), through the same
 * commands any user sends. A person is known to the parts by the first part of their address
 * (`helen`, `priya`).
 */
export async function seedDemo(app: INestApplicationContext, registry: ContextRegistry): Promise<DemoUser[]> {
  const users = app.get(UsersService);
  const people = new Map<string, DemoUser & { id: string }>();
  for (const person of PEOPLE) {
    const user = await users.create(person);
    const password = generatePassword();
    await users.setPassword(user.id, password);
    people.set(person.email.split('.')[0], {
      ...person,
      id: user.id,
      token: await users.issueToken(user.id, 'demo'),
      password,
    });
  }
  const remembered = new Map<string, string>();
  const story: DemoStory = {
    person(key) {
      const person = people.get(key);
      if (!person) throw new Error(`The demonstration has no person called ${key}`);
      return { id: person.id, role: person.role, name: person.displayName } satisfies Actor;
    },
    as(key, client = 'seed') {
      const commandId = uuidv7();
      return { actor: story.person(key), commandId, correlationId: commandId, client };
    },
    remember(key, id) {
      remembered.set(key, id);
    },
    recall(key) {
      const id = remembered.get(key);
      if (id === undefined) throw new Error(`No earlier part of the demonstration remembered ${key}`);
      return id;
    },
  };
  for (const context of registry.contexts) await context.demo?.seed(app, story);
  return [...people.values()];
}
