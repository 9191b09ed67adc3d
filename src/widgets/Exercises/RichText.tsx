/**
 * Exercise prose: blank lines separate paragraphs and `backticks` mark code. Text is rendered
 * as text nodes only (no HTML is ever parsed), so exercise data cannot inject markup.
 */
export interface RichTextProps {
  text: string;
}

function renderInline(text: string) {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

export function RichText({ text }: RichTextProps) {
  return (
    <>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index}>{renderInline(paragraph)}</p>
      ))}
    </>
  );
}

export default RichText;
