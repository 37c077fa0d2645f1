// What the tool does, in one line, and (on the standalone page) the colour-mode switch.

import { Box, IconButton, Typography } from '@mui/material';
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import { useColorMode } from '../../theme/colorMode';

export function Header() {
  const colorMode = useColorMode();
  const switchLabel = colorMode?.mode === 'dark' ? 'Switch to light mode' : 'Switch to dark mode';
  return (
    <Box component="header" sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, px: 3, pt: 2, pb: 1 }}>
      <Box sx={{ flex: 1 }}>
        <Typography variant="h1">cdebug</Typography>
        <Typography variant="body2" color="text.secondary">
          Open a shell with real debugging tools inside a running container, even one built from scratch or distroless that has no shell, without restarting or
          changing it.
        </Typography>
      </Box>
      {colorMode && (
        <IconButton aria-label={switchLabel} title={switchLabel} onClick={colorMode.toggle}>
          {colorMode.mode === 'dark' ? <LightModeOutlined /> : <DarkModeOutlined />}
        </IconButton>
      )}
    </Box>
  );
}
