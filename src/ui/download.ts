/** Offers `text` as a file download named `name` (an object URL on a temporary link). */
export function downloadText(name: string, text: string, type: string, root: Node): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  // Appended inside the component's own root, so it also works inside a shadow root.
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers `data` as a JSON file download named `name`. */
export function downloadJson(name: string, data: unknown, root: Node): void {
  downloadText(name, `${JSON.stringify(data, null, 2)}\n`, 'application/json', root);
}
