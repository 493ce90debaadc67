/**
 * A consulted department in words: a code the packs name (organization, audit…) by its text
 * desk.departments.<code>, any other department as it was typed. One definition for the
 * consultation card, the grants editor and the user list.
 */
import { useTranslation } from 'react-i18next';

export function useDepartmentLabel(): (department: string) => string {
  const { t, i18n } = useTranslation();
  return (d) => (i18n.exists(`desk.departments.${d}`) ? t(`desk.departments.${d}`) : d);
}
