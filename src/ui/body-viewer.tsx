import { useState } from 'react';
import type { ResponseRecord } from '../agent/trajectory.ts';

/** Characters rendered before the user asks for more; a megabyte in one <pre> is slow to lay out. */
const FIRST_CHUNK = 50_000;

/** A response body, collapsed; opened, it renders the first chunk and more on request. */
export function BodyViewer({
  response,
  observation,
}: {
  response: ResponseRecord | undefined;
  observation: string;
}) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(FIRST_CHUNK);
  const text = response?.text ?? observation;
  const length = response?.fullLength ?? text.length;
  return (
    <details
      className="umi-app__details"
      open={open || text.length < 600}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        Response ({length.toLocaleString()} characters
        {response?.fullLength === undefined ? '' : `, first ${text.length.toLocaleString()} kept`})
      </summary>
      {(open || text.length < 600) && (
        <>
          <pre className="umi-app__pre umi-app__body">{text.slice(0, shown)}</pre>
          {shown < text.length && (
            <button
              type="button"
              className="umi-app__button umi-app__button--small"
              onClick={() => setShown(shown + FIRST_CHUNK * 10)}
            >
              Show more ({(text.length - shown).toLocaleString()} characters left)
            </button>
          )}
          {response !== undefined && response.text !== observation && (
            <details className="umi-app__details">
              <summary>What the models read ({observation.length.toLocaleString()} characters)</summary>
              <pre className="umi-app__pre">{observation}</pre>
            </details>
          )}
        </>
      )}
    </details>
  );
}
