import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
// Listens for back/forward before the router does (see the module).
import './exchange/browse-memory.js';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
