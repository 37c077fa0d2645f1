// The Images tab's content: mounted only while the tab is shown, so the image list is asked for
// then and not every few seconds behind the user's back.

import type { ImageSummary } from '@cdebug/contract';
import { useImages } from '../../hooks/useImages';
import { ImageList } from './ImageList';

export function ImagesPanel({ onDebug, showEngine }: { onDebug: (image: ImageSummary) => void; showEngine: boolean }) {
  const images = useImages();
  return <ImageList images={images.data} error={images.error} loading={images.loading} onDebug={onDebug} onRetry={images.refresh} showEngine={showEngine} />;
}
