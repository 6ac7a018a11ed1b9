/**
 * A rough token count for text a model reads (a tool list as JSON): about
 * four characters per token, the rule of thumb for English and JSON with
 * common tokenizers. Good enough to tell 2,000 tools (too many) from 40.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
