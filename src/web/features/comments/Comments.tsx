/**
 * The comments of a measure or a report (issue 8 §6): threads one level deep, a reply box
 * under a thread, the new-comment box with mentions and the shared/internal choice. The
 * measure page renders it; the report page uses `<Comments target={{ kind: 'report', id }} />`.
 */
import { Box, Divider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentPage, CommentThread } from '../../../contracts';
import { COMMENT_PAGE, type CommentTarget, useComments, useCreateComment } from '../../api/comments';
import { EmptyState, Pager, QueryState, Section } from '../../components';
import { CommentForm } from './components/CommentForm';
import { CommentItem } from './components/CommentItem';

type Posting = CommentPage['posting'];

function Thread({
  target,
  thread,
  posting,
}: {
  target: CommentTarget;
  thread: CommentThread;
  posting: Posting;
}) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const create = useCreateComment(target);
  const internalParent = thread.visibility === 'internal';
  return (
    <Stack gap="xs">
      <CommentItem
        target={target}
        comment={thread}
        onReply={posting.allowed && !thread.deleted ? () => setReplying(true) : undefined}
      />
      {(thread.replies.length > 0 || replying) && (
        <Stack gap="xs" pl="md" ml={4} style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
          {thread.replies.map((r) => (
            <CommentItem key={r.id} target={target} comment={r} />
          ))}
          {replying && (
            <CommentForm
              target={target}
              parentId={thread.id}
              label={t('comments.replyLabel', { name: thread.author.name })}
              fixedVisibility={posting.forcedInternal || internalParent ? 'internal' : undefined}
              canChooseInternal={posting.canChooseInternal}
              submitLabel={t('comments.send')}
              pending={create.isPending}
              error={create.error}
              onSubmit={async (v) => {
                await create.mutateAsync({ ...v, parentId: thread.id });
                setReplying(false);
              }}
              onCancel={() => {
                create.reset();
                setReplying(false);
              }}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The comments section of a measure or a report. */
export function Comments({ target }: { target: CommentTarget }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useComments(target, page);
  const create = useCreateComment(target);
  const data = list.data;
  const pages = data ? Math.ceil(data.total / COMMENT_PAGE) : 0;
  const posting = data?.posting;
  const headingId = `comments-${target.kind}-${target.id}`;

  return (
    <Section
      id={headingId}
      title={data ? t('comments.titleCount', { count: data.comments }) : t('comments.title')}
    >
      <QueryState
        query={list}
        isEmpty={data?.data.length === 0}
        empty={<EmptyState>{t('comments.empty')}</EmptyState>}
      >
        <Stack gap="md">
          {data?.data.map((th, i) => (
            <Box key={th.id}>
              {i > 0 && <Divider mb="md" />}
              <Thread target={target} thread={th} posting={data.posting} />
            </Box>
          ))}
        </Stack>
      </QueryState>
      <Pager pages={pages} page={page} onChange={setPage} mt="md" />
      {posting && (
        <Box mt="md">
          {posting.allowed ? (
            <Stack gap="xs">
              {posting.forcedInternal && (
                <Text size="sm" c="gray.8">
                  {t('comments.forcedInternal')}
                </Text>
              )}
              <CommentForm
                target={target}
                label={t('comments.newLabel')}
                fixedVisibility={posting.forcedInternal ? 'internal' : undefined}
                canChooseInternal={posting.canChooseInternal}
                submitLabel={t('comments.send')}
                pending={create.isPending}
                error={create.error}
                onSubmit={(v) => create.mutateAsync(v)}
              />
            </Stack>
          ) : (
            <Text size="sm" c="gray.8">
              {t('comments.readOnly')}
            </Text>
          )}
        </Box>
      )}
    </Section>
  );
}
