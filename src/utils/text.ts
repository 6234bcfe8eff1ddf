/** Text split at blank lines into trimmed, non-empty blocks (paragraphs), whatever the line endings. */
export function textBlocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
}

/** "1 story", "12 stories", "1,234 stories". */
export function storyCount(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'story' : 'stories'}`;
}
