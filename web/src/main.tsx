import { createRoot } from 'react-dom/client';
import { configureApi } from './api/client.js';
import { App } from './app.js';
import { loadConfig } from './config.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const root = createRoot(container);

loadConfig().then(
  (config) => {
    configureApi(config);
    root.render(<App config={config} />);
  },
  () => {
    root.render(
      <main className="main main-narrow">
        <h1>Billing is not available right now</h1>
        <p>We could not load the settings of this billing area. Please reload the page in a minute.</p>
      </main>,
    );
  },
);
