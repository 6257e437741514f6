/** Offers `data` as a JSON file download named `name` (an object URL on a temporary link). */
export function downloadJson(name: string, data: unknown, root: Node): void {
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
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
