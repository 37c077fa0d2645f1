// An error as the user should see it: what happened (title), the service's sentence, and what to
// do about it. Role alert, so that assistive technology and end-to-end tests find it.

import type { ReactNode } from 'react';
import { Alert, AlertTitle, type AlertColor } from '@mui/material';
import type { ErrorInfo } from '@cdebug/contract';
import { adviceFor, titleFor } from './advice';

interface Props {
  error: ErrorInfo;
  severity?: AlertColor;
  action?: ReactNode;
  onClose?: () => void;
}

export function ErrorAlert({ error, severity = 'error', action, onClose }: Props) {
  const advice = adviceFor(error.code);
  return (
    <Alert severity={severity} role="alert" action={action} {...(onClose ? { onClose } : {})}>
      <AlertTitle>{titleFor(error.code)}</AlertTitle>
      {error.message}
      {advice && <> {advice}</>}
    </Alert>
  );
}
