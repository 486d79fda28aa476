import { useEffect, useRef, type ReactNode } from 'react';
import { navigationCount, useLocation } from '../router.js';

/**
 * A page's heading and title. After an in-app navigation the heading takes the focus, so a screen
 * reader announces the new page and keyboard users continue from the top of it.
 */
export function Page({
  title,
  actions,
  children,
  focusHeading = true,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  /** False on pages that focus their first field instead (sign-in forms). */
  focusHeading?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { path } = useLocation();

  useEffect(() => {
    document.title = `${title} · Billing`;
  }, [title]);

  useEffect(() => {
    if (focusHeading && navigationCount() > 0) heading.current?.focus();
  }, [path, focusHeading]);

  return (
    <div className="page">
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
