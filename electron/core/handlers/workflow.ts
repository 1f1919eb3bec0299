import type { Handlers } from '../../../shared/contract';
import type { WorkflowService } from '../../services/workflow/workflow-service';

type WorkflowChannel =
  | 'workflow:borrower'
  | 'workflow:portfolio'
  | 'workflow:addNote'
  | 'workflow:editNote'
  | 'workflow:deleteNote'
  | 'workflow:setWatch'
  | 'workflow:assign'
  | 'workflow:saveAssessment';

/** The workflow:* channels: the analyst's notes, watch-list, assignment and assessment, in the profile's cache. */
export function workflowHandlers(workflow: WorkflowService): Pick<Handlers, WorkflowChannel> {
  return {
    'workflow:borrower': async (input) => workflow.borrower(input.profileId, input.orgNr),
    'workflow:portfolio': async (input) => workflow.portfolio(input.profileId),
    'workflow:addNote': async (input) => workflow.addNote(input.profileId, input.orgNr, input.text),
    'workflow:editNote': async (input) => workflow.editNote(input.profileId, input.orgNr, input.noteId, input.replaces, input.text),
    'workflow:deleteNote': async (input) => workflow.deleteNote(input.profileId, input.orgNr, input.noteId, input.replaces),
    'workflow:setWatch': async (input) => workflow.setWatch(input.profileId, input.orgNr, input.watch, input.replaces),
    'workflow:assign': async (input) => workflow.assign(input.profileId, input.orgNr, input.assignee, input.replaces),
    'workflow:saveAssessment': async (input) =>
      workflow.saveAssessment(input.profileId, input.orgNr, { comment: input.comment, recommendation: input.recommendation, conditions: input.conditions }, input.replaces),
  };
}
