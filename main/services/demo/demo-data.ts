import { seededRandom } from '../prng.js';

/**
 * Generated people for the demo workspace: plausible names, cities, locales and loyalty data,
 * made by a seeded generator so every demo workspace looks the same.
 */
const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Katherine', 'Tim', 'Barbara', 'Dennis', 'Radia', 'Hedy', 'Edsger', 'Frances', 'Ken', 'Sophie', 'Yuki', 'Amara', 'Mateo', 'Léa', 'Noah', 'Ines', 'Omar', 'Priya', 'Lukas'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Johnson', 'Berners-Lee', 'Liskov', 'Ritchie', 'Perlman', 'Lamarr', 'Dijkstra', 'Allen', 'Thompson', 'Wilson', 'Tanaka', 'Okafor', 'García', 'Martin', 'Schmidt', 'Rossi', 'Haddad', 'Sharma', 'Novak'];
const PLACES: [string, string, string][] = [
  ['London', 'en-GB', 'Europe/London'],
  ['Paris', 'fr-FR', 'Europe/Paris'],
  ['Berlin', 'de-DE', 'Europe/Berlin'],
  ['New York', 'en-US', 'America/New_York'],
  ['San Francisco', 'en-US', 'America/Los_Angeles'],
  ['Tokyo', 'ja-JP', 'Asia/Tokyo'],
  ['Sydney', 'en-AU', 'Australia/Sydney'],
  ['São Paulo', 'pt-BR', 'America/Sao_Paulo'],
];
const TIERS = ['bronze', 'bronze', 'bronze', 'silver', 'silver', 'gold', 'platinum'];

export interface DemoPerson {
  email: string;
  crmId: string;
  record: Record<string, unknown>;
  devices: ('ios' | 'android')[];
}

export function demoPeople(count: number, random = seededRandom(2026)): DemoPerson[] {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, locale, timezone] = pick(PLACES);
    const tier = pick(TIERS);
    const email = `${first}.${last}.${i + 1}@example.com`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9.@-]/g, '');
    const roll = random();
    const devices: ('ios' | 'android')[] = roll < 0.5 ? ['ios'] : roll < 0.9 ? ['android'] : ['ios', 'android'];
    const signedUp = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 330) * 86_400_000).toISOString().slice(0, 10);
    return {
      email,
      crmId: `CRM-${String(100000 + i)}`,
      devices,
      // The NDJSON import shape (docs/profile-import.md).
      record: {
        identities: { email, crmId: `CRM-${String(100000 + i)}` },
        attributes: {
          person: { firstName: first, lastName: last },
          home: { city },
          locale,
          timezone,
          loyalty: { tier, points: Math.floor(random() * (tier === 'platinum' ? 40000 : tier === 'gold' ? 15000 : 5000)) },
          signupDate: signedUp,
        },
      },
    };
  });
}
