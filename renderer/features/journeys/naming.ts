import { JOURNEY_NAME_MAX, journeyNameSchema } from '../../../shared/domain/journey';
import type { Naming } from '../../ui/NameDialog';

/** The name dialog of a journey (the list's New and Rename, the journey page's Rename). */
export const journeyNaming: Naming = {
  label: 'Journey name',
  placeholder: 'e.g. Welcome series',
  help: 'Marketers see this name in the list, on the canvas and in reports.',
  schema: journeyNameSchema,
  max: JOURNEY_NAME_MAX,
};
