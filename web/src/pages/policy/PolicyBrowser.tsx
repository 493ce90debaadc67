/**
 * The policy browser (/policy/*): the list of packs, and a page per pack with its versions,
 * clauses and rules, decision ladder, procedure, lint findings and a scenario evaluator.
 */
import { Route, Routes } from 'react-router';
import NotFound from '../NotFound';
import { PackList } from './PackList';
import { PackPage } from './PackPage';
import './policy.css';

export default function PolicyBrowser() {
  return (
    <Routes>
      <Route index element={<PackList />} />
      <Route path=":id" element={<PackPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
