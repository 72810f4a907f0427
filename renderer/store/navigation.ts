import { create } from 'zustand';

export const sections = ['journeys', 'messages', 'profiles', 'channels', 'delivery', 'reports'] as const;
export type Section = (typeof sections)[number];

export interface Route {
  section: Section;
  /** An open journey, when section is journeys. */
  journeyId?: string;
  /** An open message, when section is messages. */
  messageId?: string;
  /** The Audiences view of the Profiles section (#/profiles/audiences). */
  view?: 'audiences';
  /** An open profile, when section is profiles (a jump from the delivery log). */
  profileId?: number;
}

/** The route lives in location.hash (#/journeys/jny_...), so reload and back/forward work in both hosts. */
export function parseHash(hash: string): Route {
  const [section, id] = hash.replace(/^#\/?/, '').split('/');
  const known = (sections as readonly string[]).includes(section ?? '') ? (section as Section) : 'journeys';
  if (known === 'journeys' && id) return { section: known, journeyId: decodeURIComponent(id) };
  if (known === 'messages' && id) return { section: known, messageId: decodeURIComponent(id) };
  if (known === 'profiles' && id === 'audiences') return { section: known, view: 'audiences' };
  if (known === 'profiles' && id && /^\d+$/.test(id)) return { section: known, profileId: Number(id) };
  return { section: known };
}

export function formatHash(route: Route): string {
  if (route.view) return `#/${route.section}/${route.view}`;
  const id = route.journeyId ?? route.messageId ?? (route.profileId !== undefined ? String(route.profileId) : undefined);
  return id ? `#/${route.section}/${encodeURIComponent(id)}` : `#/${route.section}`;
}

interface NavigationState {
  route: Route;
  go(route: Route): void;
}

export const useNavigation = create<NavigationState>()((set) => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  go(route) {
    const hash = formatHash(route);
    if (location.hash !== hash) location.hash = hash;
    set({ route });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useNavigation.setState({ route: parseHash(location.hash) }));
}
