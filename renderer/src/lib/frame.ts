/** Resolves after the next frame has been painted: a requestAnimationFrame, then a task after it. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
