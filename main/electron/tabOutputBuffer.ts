// A tab's output as the ArrayBuffer posted on the tab port: exactly its own bytes, never the rest of Node's buffer pool.

/**
 * Small Buffers share one 8 KiB pool, and structured clone sends a view's whole backing buffer:
 * posting the view would hand the page bytes of other tabs (or secrets) that happen to sit beside
 * it. A view that fills its buffer is sent as it is.
 */
export function tabOutputBuffer(data: Uint8Array): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return data.buffer;
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}
