// An open post page follows its post live: the stream's `post` events ({id, change}) for this post
// call `onChange` (a new comment, an offer sent or decided, a status change), so the page fetches
// what changed quietly, without a reload and without losing what the person is typing.
import { useEffect, useRef } from 'react';
import { onLiveEvent } from './bell.js';

export type PostChange = 'comment' | 'offer' | 'status' | string;

export function usePostChanges(postId: string, onChange: (change: PostChange) => void): void {
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(
    () =>
      onLiveEvent((event, data) => {
        if (event !== 'post') return;
        const { id, change } = data as { id?: unknown; change?: unknown };
        if (id === postId && typeof change === 'string') handler.current(change);
      }),
    [postId],
  );
}
