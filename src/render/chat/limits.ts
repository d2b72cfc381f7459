// Message size limits of the chat platforms, from their documentation:
// Slack Block Kit (https://docs.slack.dev/reference/block-kit/blocks): at most 50 blocks in a message;
// a section's text at most 3000 characters, at most 10 fields of at most 2000 characters each; a
// header's plain_text at most 150 characters; a context block at most 10 elements.
// Mattermost (https://developers.mattermost.com/integrate/slash-commands/): a post's message at
// most 16383 characters.
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_SECTION_TEXT = 3000;
export const SLACK_FIELD_TEXT = 2000;
export const SLACK_MAX_FIELDS = 10;
export const SLACK_HEADER_TEXT = 150;
export const MATTERMOST_MESSAGE = 16383;

/** `text` cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
