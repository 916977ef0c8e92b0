// Hands a downloaded blob to the browser as a file. Exports are fetched by the API client, so
// its errors (a refusal, an ended session) are shown like any other call's.
export function saveDownload(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
