import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { session } from './api/client';
import { installGlobalErrorHandlers } from './lib/globalErrors';
import './styles.css';

installGlobalErrorHandlers();
// Page load: exchange the HttpOnly refresh cookie for an access token (kept in memory only).
void session.init();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
