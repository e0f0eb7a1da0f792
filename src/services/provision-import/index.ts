/** Agreement text → provisions (issue 10 §5): the dry run, the save, and the sphere keywords. */
export { allVocabularies, getSphereKeywords, putSphereKeywords } from './keywords';
export { previewImport, requireImporter } from './preview';
export { saveImport } from './save';
export { uploadedText } from './source';
