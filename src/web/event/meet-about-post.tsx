// On a post's page: a way to propose a meeting about it (the post is then linked to the meeting).
import { Link } from 'wouter';
import { useT } from '../i18n/i18n.js';

export function MeetAboutPost({ post }: { post: { id: string } }) {
  const t = useT();
  return (
    <p className="meet-about-post">
      <Link href={`/meetings/new?post=${encodeURIComponent(post.id)}`}>{t('meetings.aboutPost')}</Link>
    </p>
  );
}
