/** A comment's plain text with its links clickable (opened in a new tab, without the opener). */
import { Anchor, Text } from '@mantine/core';
import { linkParts } from '../text';

/** Plain text, line breaks kept, http(s) and www. addresses as links. */
export function LinkedText({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {linkParts(text).map((p, i) =>
        p.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
          <Anchor key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow" underline="always">
            {p.text}
          </Anchor>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
          <span key={i}>{p.text}</span>
        ),
      )}
    </Text>
  );
}
