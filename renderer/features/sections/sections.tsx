import { BarChart3, KeyRound, MessageSquareText, ScrollText, Users, Workflow } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Section } from '../../store/navigation';

export interface SectionInfo {
  label: string;
  icon: ReactNode;
  /** What the section will hold, for its empty state until its feature lands. */
  upcoming?: { title: string; text: string };
}

export const sectionInfo: Record<Section, SectionInfo> = {
  journeys: { label: 'Journeys', icon: <Workflow size={18} /> },
  messages: {
    label: 'Messages',
    icon: <MessageSquareText size={18} />,
  },
  profiles: {
    label: 'Profiles',
    icon: <Users size={18} />,
  },
  channels: { label: 'Channels', icon: <KeyRound size={18} /> },
  delivery: { label: 'Delivery log', icon: <ScrollText size={18} /> },
  reports: {
    label: 'Reports',
    icon: <BarChart3 size={18} />,
  },
};
