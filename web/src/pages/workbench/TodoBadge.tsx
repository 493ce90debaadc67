/**
 * The shell header's reminder: the signed-in user's tasks due soon or overdue (GET /api/todos),
 * a link to the workbench. Asked again when the user moves to another page, at most every
 * REFRESH_MS, so that a task done elsewhere leaves the count soon without asking on every click.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../../api';
import type { Todos } from './model';
import './workbench.css';

/** The least time between two askings (a visit to the workbench always asks). */
const REFRESH_MS = 30_000;

export function TodoBadge() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    const now = Date.now();
    if (now - asked.current < REFRESH_MS && pathname !== '/workbench') return;
    asked.current = now;
    const ctrl = new AbortController();
    let done = false;
    api<Todos>('GET', '/api/todos', undefined, { signal: ctrl.signal })
      .then((d) => setCount(d.counts.dueSoon + d.counts.overdue))
      .catch(() => undefined) // the reminder is a convenience: the workbench shows any error
      .finally(() => (done = true));
    return () => {
      if (!done) asked.current = 0; // left before the answer: ask on the next page
      ctrl.abort();
    };
  }, [pathname]);
  const label = t('workbench.badge', { count: count ?? 0 });
  return (
    <Tooltip title={label}>
      <Link to="/workbench" aria-label={label} className="rc-todo-badge" data-testid="todo-badge">
        <Badge count={count ?? 0} overflowCount={99} size="small">
          <BellOutlined className="rc-todo-bell" />
        </Badge>
      </Link>
    </Tooltip>
  );
}
