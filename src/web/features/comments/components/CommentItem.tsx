/** One comment: author, time, visibility, text with links; reply, edit and delete where allowed. */
import { Badge, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment } from '../../../../contracts';
import { type CommentTarget, useDeleteComment, useUpdateComment } from '../../../api/comments';
import { commentRights } from '../../../api/permissions';
import { useSession } from '../../../api/session';
import { ErrorAlert } from '../../../components';
import { useFormat } from '../../../i18n';
import { CommentForm } from './CommentForm';
import { LinkedText } from './LinkedText';

export interface CommentItemProps {
  target: CommentTarget;
  comment: Comment;
  /** Shown on top-level comments where the caller may post. */
  onReply?: () => void;
}

/** A comment as an article, with its own edit form and delete confirmation. */
export function CommentItem({ target, comment: c, onReply }: CommentItemProps) {
  const { t } = useTranslation();
  const { formatDateTime } = useFormat();
  const user = useSession().data?.user;
  const rights = commentRights(user, c);
  const update = useUpdateComment(target);
  const remove = useDeleteComment(target);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingId = `comment-${c.id}`;

  if (c.deleted)
    return (
      <Text size="sm" c="gray.8" fs="italic" data-testid="comment-deleted">
        {t('comments.deleted')}
      </Text>
    );

  return (
    <Box component="article" aria-labelledby={headingId} data-testid="comment">
      <Group gap={6} wrap="wrap" mb={2}>
        <Text size="sm" fw={700} id={headingId}>
          {c.author.name}
        </Text>
        <Text size="xs" c="gray.8" component="time" dateTime={c.createdAt}>
          {formatDateTime(c.createdAt)}
        </Text>
        {c.editedAt && (
          <Text size="xs" c="gray.8">
            ({t('comments.edited')})
          </Text>
        )}
        {c.visibility === 'internal' && (
          <Badge size="sm" variant="light" color="grape" c="grape.9" tt="none">
            {t('comments.internal')}
          </Badge>
        )}
      </Group>
      {editing ? (
        <CommentForm
          target={target}
          label={t('comments.editLabel')}
          initialText={c.text}
          initialMentions={c.mentions}
          fixedVisibility={c.visibility}
          submitLabel={t('comments.save')}
          pending={update.isPending}
          error={update.error}
          onSubmit={async (v) => {
            await update.mutateAsync({ comment: c, text: v.text, mentions: v.mentions });
            setEditing(false);
          }}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      ) : (
        <Stack gap={4}>
          <LinkedText text={c.text} />
          {(onReply || rights.edit || rights.delete) && (
            <Group gap={4}>
              {onReply && (
                <Button size="compact-sm" variant="subtle" onClick={onReply}>
                  {t('comments.reply')}
                </Button>
              )}
              {rights.edit && (
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
                  {t('comments.edit')}
                </Button>
              )}
              {rights.delete && !confirming && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  c="red.9"
                  onClick={() => setConfirming(true)}
                >
                  {t('comments.delete')}
                </Button>
              )}
            </Group>
          )}
          {confirming && (
            <Group gap="xs" role="group" aria-label={t('comments.confirmDelete')}>
              <Text size="sm">{t('comments.confirmDelete')}</Text>
              <Button
                size="compact-sm"
                color="red.8"
                loading={remove.isPending}
                onClick={() => remove.mutate(c)}
              >
                {t('comments.delete')}
              </Button>
              <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>
                {t('comments.cancel')}
              </Button>
            </Group>
          )}
          {remove.error ? <ErrorAlert error={remove.error} /> : null}
        </Stack>
      )}
    </Box>
  );
}
