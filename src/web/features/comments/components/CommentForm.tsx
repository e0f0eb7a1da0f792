/**
 * The comment box: plain text with a mention picker (type `@`, choose a person who may read
 * the comment), the shared/internal choice where the caller has one, and send or save.
 */
import { Box, Button, Group, Paper, Stack, Switch, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_LIMITS, type CommentVisibility } from '../../../../contracts';
import { type CommentTarget, useMentionable } from '../../../api/comments';
import { ErrorAlert, LocalizedText, useLengthLimit } from '../../../components';
import { insertMention, keptMentions, mentionQueryAt } from '../text';

type Person = { id: string; name: string };

export interface CommentFormProps {
  target: CommentTarget;
  label: string;
  /** The thread a reply goes to. */
  parentId?: string;
  initialText?: string;
  initialMentions?: Person[];
  /** The visibility the comment will have when the caller cannot choose. */
  fixedVisibility?: CommentVisibility;
  /** The caller may choose an internal comment. */
  canChooseInternal?: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (v: { text: string; visibility: CommentVisibility; mentions: string[] }) => Promise<unknown>;
  onCancel?: () => void;
}

/** A textarea with mentions and the visibility switch; cleared after a successful send. */
export function CommentForm(p: CommentFormProps) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(p.initialText ?? '');
  const [picked, setPicked] = useState<Person[]>(p.initialMentions ?? []);
  const [internal, setInternal] = useState(p.fixedVisibility === 'internal');
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const visibility: CommentVisibility = p.fixedVisibility ?? (internal ? 'internal' : 'shared');
  const people = useMentionable(p.target, typing?.query ?? null, visibility, p.parentId);
  const hint = limit(text, COMMENT_LIMITS.text);

  const follow = (value: string, caret: number) => {
    setText(value);
    setTyping(mentionQueryAt(value, caret));
  };
  const choose = (person: Person) => {
    if (!typing) return;
    const caret = ref.current?.selectionStart ?? text.length;
    const next = insertMention(text, typing.start, caret, person.name);
    setText(next.text);
    setPicked((list) => [...list, person]);
    setTyping(null);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const submit = async () => {
    const mentions = keptMentions(text, picked).map((m) => m.id);
    try {
      await p.onSubmit({ text: text.trim(), visibility, mentions });
    } catch {
      return; // the error is shown below the box
    }
    if (!p.initialText) {
      setText('');
      setPicked([]);
    }
  };

  return (
    <Stack gap="xs">
      <Textarea
        ref={ref}
        label={p.label}
        description={hint.description ?? t('comments.hint')}
        error={hint.error}
        value={text}
        autosize
        minRows={2}
        maxRows={12}
        onChange={(e) => follow(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyUp={(e) => setTyping(mentionQueryAt(text, e.currentTarget.selectionStart))}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setTyping(null);
        }}
      />
      {typing && (
        <Paper withBorder p={4} shadow="sm" aria-live="polite">
          <Text size="xs" c="gray.8" px={6} id={`mention-list-${p.parentId ?? 'new'}`}>
            {t('comments.mentionList')}
          </Text>
          <Box
            component="ul"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-labelledby={`mention-list-${p.parentId ?? 'new'}`}
          >
            {(people.data ?? []).map((u) => (
              <li key={u.id}>
                <UnstyledButton
                  onClick={() => choose(u)}
                  px={6}
                  py={4}
                  w="100%"
                  className="accord-mention-option"
                  data-testid="mention-option"
                >
                  <Text size="sm" fw={600} span>
                    {u.name}
                  </Text>
                  {u.organisation && (
                    <Text size="xs" c="gray.8" span ml={6}>
                      <LocalizedText value={u.organisation} />
                    </Text>
                  )}
                </UnstyledButton>
              </li>
            ))}
          </Box>
          {people.data?.length === 0 && (
            <Text size="sm" c="gray.8" px={6} py={4}>
              {t('comments.noMatches')}
            </Text>
          )}
        </Paper>
      )}
      {p.fixedVisibility === undefined && p.canChooseInternal && (
        <Switch
          checked={internal}
          onChange={(e) => setInternal(e.currentTarget.checked)}
          label={t('comments.internalToggle')}
          description={t('comments.internalHint')}
        />
      )}
      {p.error ? <ErrorAlert error={p.error} /> : null}
      <Group gap="xs">
        <Button size="sm" onClick={submit} loading={p.pending} disabled={!text.trim() || !!hint.error}>
          {p.submitLabel}
        </Button>
        {p.onCancel && (
          <Button size="sm" variant="default" onClick={p.onCancel}>
            {t('comments.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
