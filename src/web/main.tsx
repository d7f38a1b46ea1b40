import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './app.js';
import { startFirstScreen } from './boot/first-screen.js';
// Listens for back/forward before the router does (see the module).
import './exchange/browse-memory.js';
import { applyTheme, storedTheme } from './layout/theme.js';

// A theme pinned in the personal menu applies before the first paint of the app.
applyTheme(storedTheme());

// Who is signed in, this page's code and (on /home and Browse) its data, asked for all at once
// before the first render rather than one after another (issue 13).
startFirstScreen(location.pathname, location.search, preloadPage);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
