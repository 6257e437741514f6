import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createToolTesterStore } from './state/tool-tester-store.ts';
import { App } from './ui/app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('umi: #root element is missing from index.html');

const toolTester = createToolTesterStore();

createRoot(container).render(
  <StrictMode>
    <App toolTester={toolTester} />
  </StrictMode>,
);
