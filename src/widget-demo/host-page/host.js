// The host page's own code (no build step): a page function offered to the agent, and a log of its events.

/** One row of the board as the demo API's weather answer is shaped, so the embedded models read it well. */
function readBoard(cityId) {
  const row = document.querySelector(`#board tr[data-city-id="${Number(cityId)}"]`);
  if (row === null) throw new Error(`This page has no reading for city ${cityId}.`);
  const field = (name) => row.querySelector(`[data-field="${name}"]`)?.textContent?.trim() ?? '';
  return {
    city_id: Number(cityId),
    city: row.dataset.city,
    temperature: Number(field('temperature')),
    units: 'celsius',
    conditions: field('conditions'),
    wind_kph: Number(field('wind_kph')),
    humidity: Number(field('humidity')),
  };
}

const log = document.getElementById('events');
function note(text) {
  const item = document.createElement('li');
  item.textContent = text;
  log.append(item);
}

await customElements.whenDefined('umi-agent');
for (const widget of document.querySelectorAll('umi-agent')) {
  // The embedded models know the demo API's operations only, so the page offers its board under the
  // demo's weather operation, which it replaces; models that read any tool docs take any name.
  widget.registerTool({
    name: 'getweather_for_demo',
    description: 'Current weather in a city.',
    parameters: {
      type: 'object',
      properties: {
        city_id: { type: 'integer', description: 'id from searchCities' },
        units: { type: 'string', description: 'metric or imperial' },
      },
      required: ['city_id'],
    },
    execute: ({ city_id }) => readBoard(city_id),
  });
  widget.addEventListener('umi-step', (event) => {
    const step = event.detail.step;
    note(step.type === 'tool' ? `tool ${step.name}: ${step.ok ? 'ok' : 'failed'}` : `${step.role} spoke`);
  });
  widget.addEventListener('umi-answer', (event) => note(`answer: ${event.detail.answer}`));
  widget.addEventListener('umi-error', (event) => note(`error: ${event.detail.error.message}`));
}
