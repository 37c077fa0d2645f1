// Short notices: Docker Desktop's own toasts inside Desktop, a snackbar on the standalone page.

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Alert, Snackbar } from '@mui/material';
import { useApi, type ToastLevel } from '../../api';
import { NotifyContext, type Notify } from '../../hooks/useNotify';

interface Notice {
  key: number;
  level: ToastLevel;
  message: string;
}

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [notice, setNotice] = useState<Notice | null>(null);
  const local = useCallback<Notify>((level, message) => setNotice({ key: Date.now(), level, message }), []);
  const notify = useMemo(() => api.toast ?? local, [api, local]);
  const dismiss = () => setNotice(null);

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar key={notice?.key} open={notice !== null} autoHideDuration={6000} onClose={dismiss} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {notice ? (
          <Alert severity={notice.level} variant="filled" onClose={dismiss}>
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}
