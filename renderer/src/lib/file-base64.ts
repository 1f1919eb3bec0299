/** The largest file the import sends (the main side refuses larger ones too). */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

/** Base64 of bytes, in chunks (String.fromCharCode over millions of arguments would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Reads a picked file as base64 through FileReader (readAsArrayBuffer), for a channel that takes file content. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(bytesToBase64(new Uint8Array(reader.result as ArrayBuffer)));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsArrayBuffer(file);
  });
}
