/** Parts of an official document's shape that the decision document's answer shares (documents.ts). */
import { DOCUMENT_TYPES } from '../shared/documents.js';
import { List, Obj, StringEnum, Type } from './common.js';

export const DocumentTypeName = StringEnum(DOCUMENT_TYPES);

/** 版记: copies to, the office that prints it and the date it is printed. */
export const ClosingBlock = Obj({
  cc: List(Type.String()),
  printer: Type.String(),
  printedOn: Type.String(),
});
