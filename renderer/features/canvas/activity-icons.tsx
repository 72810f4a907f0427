import { Clock, GitBranch, Hourglass, LogIn, Percent, Radio, Send, Square, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ActivityType } from '../../../shared/domain/journey-graph';

export const activityIcon: Record<ActivityType, ReactNode> = {
  'entry.audience': <Users size={15} />,
  'entry.event': <Radio size={15} />,
  condition: <GitBranch size={15} />,
  timeCondition: <Clock size={15} />,
  split: <Percent size={15} />,
  wait: <Hourglass size={15} />,
  waitForEvent: <LogIn size={15} />,
  message: <Send size={15} />,
  end: <Square size={15} />,
};

/** Colour families on the canvas: entries, orchestration, waits, actions, end. */
export const activityTone: Record<ActivityType, string> = {
  'entry.audience': 'entry',
  'entry.event': 'entry',
  condition: 'flow',
  timeCondition: 'flow',
  split: 'flow',
  wait: 'wait',
  waitForEvent: 'wait',
  message: 'action',
  end: 'end',
};

