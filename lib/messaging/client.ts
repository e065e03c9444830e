import { type MessageType, PROTOCOL, type Reply, ReplySchema, type RequestOf, type ResponseOf } from './protocol';

/** The one function contexts use to talk to the background; injectable for tests. */
export type SendMessage = (message: unknown) => Promise<unknown>;

export class MessageError extends Error {
  override readonly name = 'MessageError';
}

/**
 * Sends a typed request and returns the parsed response, or throws a
 * {@link MessageError} with the background's message.
 */
export async function request<T extends MessageType>(
  send: SendMessage,
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const raw = await send({ type, payload });
  const reply = ReplySchema.safeParse(raw);
  if (!reply.success) throw new MessageError(`No valid reply to "${type}"`);
  const data = reply.data as Reply<unknown>;
  if (!data.ok) throw new MessageError(data.error);
  return PROTOCOL[type].response.parse(data.value) as ResponseOf<T>;
}
