// The local images, newest first, each with a Debug button: a shell in a new container made from
// the image alone (for an image that will not run, or to look inside one before running it).
// The list comes from useImages (polled while shown); this component only presents it.

import { useMemo, useState } from 'react';
import { Box, Button, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { FilterCount, FilterField } from '../common/ListFilter';
import TerminalIcon from '@mui/icons-material/Terminal';
import type { ErrorInfo, ImageSummary } from '@cdebug/contract';
import { ago, imageSize } from '../../format/stopped';
import { useNow } from '../../hooks/useNow';
import { ListError, NoMatch } from '../ContainerList/EmptyStates';
import { shortId } from '../ContainerList/filter';
import { EngineLabel } from '../Engines/EngineLabel';

interface Props {
  images: ImageSummary[] | null;
  error: ErrorInfo | null;
  loading: boolean;
  onDebug: (image: ImageSummary) => void;
  onRetry: () => void;
  /** name each image's engine: the service drives more than one */
  showEngine?: boolean;
  /** now, for "3 days ago" (tests fix it) */
  now?: number;
}

const imageNoun = (count: number) => (count === 1 ? 'image' : 'images');

function matches(image: ImageSummary, words: string[]): boolean {
  const text = [...image.tags, image.id, image.engine ?? ''].join('\n').toLowerCase();
  return words.every((word) => text.includes(word));
}

export function ImageList({ images, error, loading, onDebug, onRetry, showEngine = false, now }: Props) {
  const clock = useNow();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (images ?? []).filter((image) => matches(image, words));
  }, [images, query]);

  return (
    <Stack spacing={2} sx={{ p: 3, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <FilterField label="Filter images" placeholder="Name, tag or id" value={query} onChange={setQuery} />
        <FilterCount shown={shown.length} total={images?.length ?? 0} noun={imageNoun(images?.length ?? 0)} />
      </Box>
      {error ? (
        <ListError error={error} onRetry={onRetry} />
      ) : images === null ? (
        loading && <LinearProgress aria-label="Loading images" />
      ) : images.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography variant="h2" gutterBottom>
            No local images
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Pull or build one (for example <code>docker pull nginx</code>) and it appears here.
          </Typography>
        </Paper>
      ) : shown.length === 0 ? (
        <NoMatch query={query} onClear={() => setQuery('')} what="image" />
      ) : (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Local images">
            <TableHead>
              <TableRow>
                <TableCell>Image</TableCell>
                {showEngine && <TableCell>Engine</TableCell>}
                <TableCell>Size</TableCell>
                <TableCell>Created</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((image) => (
                <ImageRow key={`${image.engine ?? ''}/${image.id}`} image={image} onDebug={onDebug} showEngine={showEngine} now={now ?? clock} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}

function ImageRow({ image, onDebug, showEngine, now }: { image: ImageSummary; onDebug: Props['onDebug']; showEngine: boolean; now: number }) {
  const [first, ...others] = image.tags;
  const name = first ?? shortId(image.id);
  const label = showEngine && image.engine !== undefined ? `Debug image ${name} on ${image.engine}` : `Debug image ${name}`;
  return (
    <TableRow hover>
      <TableCell sx={{ wordBreak: 'break-word' }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {name}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {shortId(image.id)}
          {others.length > 0 && ` · also ${others.join(', ')}`}
        </Typography>
      </TableCell>
      {showEngine && <TableCell>{image.engine !== undefined && <EngineLabel name={image.engine} status={null} />}</TableCell>}
      <TableCell>{imageSize(image.size)}</TableCell>
      <TableCell>{ago(image.createdAt, now) ?? '—'}</TableCell>
      <TableCell align="right">
        <Button
          variant="outlined"
          size="small"
          startIcon={<TerminalIcon />}
          aria-label={label}
          title="Opens a shell in a new container made from this image"
          onClick={() => onDebug(image)}
        >
          Debug
        </Button>
      </TableCell>
    </TableRow>
  );
}
