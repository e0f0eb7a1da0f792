/** Due-date and responsible-body change requests (issue 9 §4). */
export { createChangeRequest } from './create';
export { acceptChangeRequest, declineChangeRequest, getChangeRequest } from './decide';
export { changeRequestVisibility, findChangeRequests } from './read';
