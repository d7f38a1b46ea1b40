import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
// Listens for back/forward before the router does (see the module).
import './exchange/browse-memory.js';
import { applyTheme, storedTheme } from './layout/theme.js';

// A theme pinned in the personal menu applies before the first paint of the app.
applyTheme(storedTheme());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
