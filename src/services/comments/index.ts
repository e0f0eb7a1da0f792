/** Comments on measures and reports (issue 8 §6). */
export { createComment } from './create';
export { deleteComment, updateComment } from './edit';
export { checkMentions, listMentionable } from './mentions';
export { listComments } from './read';
export { COMMENT_FROM, commentVisibleAs } from './visibility';
