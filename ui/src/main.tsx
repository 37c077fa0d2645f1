// Providers only: the API for this host, the theme (Desktop's or the standalone one), notices.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import CssBaseline from '@mui/material/CssBaseline';
import { ApiProvider } from './api';
import { createHostApi } from './api/detect';
import { App } from './App';
import { NotificationsProvider } from './components/Notifications/Notifications';
import { AppThemeProvider } from './theme/AppThemeProvider';

const api = createHostApi();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <AppThemeProvider desktop={api.host === 'desktop'}>
        <CssBaseline />
        <NotificationsProvider>
          <App />
        </NotificationsProvider>
      </AppThemeProvider>
    </ApiProvider>
  </StrictMode>,
);
