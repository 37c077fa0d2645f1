// Saving text as a file from the page: a Blob behind a temporary link. The token-carrying
// request is made by the API first, so the link needs no credentials of its own.

export const RECORDING_TYPE = 'application/x-asciicast';

export function saveText(text: string, fileName: string, type: string, doc: Document = document): void {
  saveBlob(new Blob([text], { type }), fileName, doc);
}

/** bytes already fetched (a target's file), saved under `fileName` */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // the download has taken the data by the next task
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** "cdebug-<target>-<session id>.cast", with nothing a file system could trip on */
export function recordingFileName(target: string, sessionId: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  return `cdebug-${clean(target)}-${clean(sessionId)}.cast`;
}
