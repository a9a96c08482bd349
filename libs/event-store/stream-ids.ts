/**
 * A stream's id is its type and its entity's id: `action-<uuid>`, `ward-partnership-<uuid>`. The
 * type is stored beside the id and carried by every event, so nothing needs to split an id to
 * learn its type (a type may hold hyphens); knowing the type, the entity's id is what follows it.
 */
export function streamIdFor(streamType: string, id: string): string {
  return `${streamType}-${id}`;
}

/** The id of the entity a stream belongs to, from the stream's id and its stored type. */
export function idInStream(stream: { readonly streamId: string; readonly streamType: string }): string {
  const prefix = `${stream.streamType}-`;
  if (!stream.streamId.startsWith(prefix))
    throw new Error(`Stream ${stream.streamId} is not named for its type ${stream.streamType}`);
  return stream.streamId.slice(prefix.length);
}
