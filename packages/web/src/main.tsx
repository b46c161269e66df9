import '@mantine/core/styles.css';
import './theme.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';

// Mantine's default primary shade fails 4.5:1 contrast for white text on some buttons: one shade darker.
const theme = createTheme({ primaryColor: 'blue', primaryShade: { light: 8, dark: 6 } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
