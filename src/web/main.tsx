import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app/styles.css';
import './components/layout.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App, { preloadPage } from './App';
import { restoreLanguage } from './i18n';

// The language remembered in this browser applies before the first paint of sign-in.
void restoreLanguage();
preloadPage(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
