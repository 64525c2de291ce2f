/**
 * An async iterable of chunks as a web ReadableStream that pulls one chunk when the consumer wants
 * one: a slow client slows the export down instead of filling memory. A client that goes away
 * ends the iterable, so the export stops reading the database.
 */
export function readableStreamOf(chunks: AsyncIterable<Uint8Array>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
