// Which host is this page in? Docker Desktop injects `window.ddClient`; anywhere else
// createDockerDesktopClient throws and the page is the standalone one.

import { createDockerDesktopClient } from '@docker/extension-api-client';
import { createApi, type CdebugApi } from './client';
import { desktopHost, type DesktopClientLike } from './desktop';
import { standaloneHost } from './standalone';

function desktopClient(): DesktopClientLike | null {
  try {
    const client: DesktopClientLike = createDockerDesktopClient();
    return client.extension.vm?.service ? client : null;
  } catch {
    return null;
  }
}

export function createHostApi(): CdebugApi {
  const dd = desktopClient();
  if (dd) return createApi(desktopHost(dd));
  return createApi(
    standaloneHost({
      location: window.location,
      history: window.history,
      sessionStorage: window.sessionStorage,
      fetch: window.fetch.bind(window),
      open: window.open.bind(window),
    }),
  );
}
