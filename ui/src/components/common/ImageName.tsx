// An image reference as the UI shows it (imageLabel): short ids with the full one in a tooltip
// (reachable by keyboard too), and long names that break after "/" and ":" when the column is
// narrow, not in the middle of a word.

import { Fragment } from 'react';
import { Box, Tooltip } from '@mui/material';
import { imageLabel } from '../../format/imageName';

export function ImageName({ image }: { image: string }) {
  const { text, full } = imageLabel(image);
  const parts = text.split(/(?<=[/:@])/);
  const shown = parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
  if (full === null) return <>{shown}</>;
  return (
    <Tooltip title={full} describeChild>
      <Box component="span" tabIndex={0} data-full-image={full} sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {shown}
      </Box>
    </Tooltip>
  );
}
