// Short notices to the user (a session could not be closed or restarted...). The provider in
// components/Notifications decides how they show: Docker Desktop's toasts, or a snackbar.

import { createContext, useContext } from 'react';
import type { ToastLevel } from '../api';

export type Notify = (level: ToastLevel, message: string) => void;

export const NotifyContext = createContext<Notify>(() => undefined);

export function useNotify(): Notify {
  return useContext(NotifyContext);
}
