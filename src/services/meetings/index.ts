/** Commission meetings: agenda, decisions and their measures, protocol, holding (issue 9 §5). */
export { holdMeeting } from './hold';
export { findMeetings, getMeeting, measureDecisions } from './present';
export { attachProtocol, readProtocol } from './protocol';
export { createMeeting, deleteMeeting, updateMeeting } from './write';
