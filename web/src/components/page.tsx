import { useEffect, useRef, type ReactNode } from 'react';
import { navigationCount, useLocation } from '../router.js';

/**
 * A page's heading and title. After an in-app navigation the heading takes the focus, so a screen
 * reader announces the new page and keyboard users continue from the top of it.
 */
export function Page({ title, actions, children, wide }: { title: string; actions?: ReactNode; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { path } = useLocation();

  useEffect(() => {
    document.title = `${title} · Billing`;
  }, [title]);

  useEffect(() => {
    if (navigationCount() > 0) heading.current?.focus();
  }, [path]);

  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
