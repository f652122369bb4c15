// The mock's chat robot: a small FAQ matched by shared words. Its wording is the mock's own; only the shape of its
// messages (interIdx per answer, simQuestions a string or null) follows the documents.

interface FaqEntry {
  question: string;
  answer: string;
}

export const FAQ: readonly FaqEntry[] = [
  { question: 'What are your opening hours?', answer: 'Our agents are available from 08:00 to 20:00, Monday to Saturday.' },
  { question: 'How do I reset my password?', answer: 'Choose "Forgot password" on the sign-in page and follow the link we send you.' },
  { question: 'How do I change my password?', answer: 'Open Settings > Security > Change password.' },
  { question: 'How can I track my order?', answer: 'Open My orders and choose the order to see where it is.' },
  { question: 'How do I cancel my order?', answer: 'Open My orders, choose the order and select Cancel, as long as it has not shipped.' },
  { question: 'How do I return a product?', answer: 'Start a return from My orders within 30 days of delivery.' },
  { question: 'Which payment methods do you accept?', answer: 'We accept cards, bank transfer and the wallet in the app.' },
  { question: 'Where can I download the app?', answer: 'The app is in the usual app stores; search for the mock tenant app.' },
  { question: 'How do I log in to the app?', answer: 'Sign in with your phone number and the code we text you.' },
  { question: 'Which app version do I have?', answer: 'Open Settings > About to see the version of the app.' },
  { question: 'How do I talk to an agent?', answer: 'Choose "Transfer to agent" and the next free agent will answer you.' },
];

export const WELCOME = 'Hello, I am the mock tenant robot. Ask me a question, or transfer to an agent at any time.';
export const NOT_UNDERSTOOD = 'Sorry, I did not understand that. Try other words, or transfer to an agent.';
export const NON_TEXT = 'Thank you, I received your file. I can only answer text questions.';

const STOP_WORDS = new Set(['a', 'an', 'the', 'i', 'my', 'do', 'to', 'is', 'of', 'in', 'can', 'how', 'what', 'which', 'where', 'you', 'your', 'me', 'it', 'and', 'or', 'have']);

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w && !STOP_WORDS.has(w)));
}

/** FAQ entries sharing at least one word with the text, best first (ties keep FAQ order). */
function matches(text: string): FaqEntry[] {
  const asked = words(text);
  return FAQ.map((entry, i) => ({ entry, i, score: [...words(entry.question)].filter((w) => asked.has(w)).length }))
    .filter((m) => m.score > 0)
    .sort((x, y) => y.score - x.score || x.i - y.i)
    .map((m) => m.entry);
}

export interface RobotAnswer {
  content: string;
  /** The other close questions as a JSON array in a string, or null when there are none. */
  simQuestions: string | null;
}

export function robotAnswer(text: string): RobotAnswer {
  const [best, ...others] = matches(text);
  if (!best) return { content: NOT_UNDERSTOOD, simQuestions: null };
  const similar = others.slice(0, 3).map((e) => e.question);
  return { content: best.answer, simQuestions: similar.length ? JSON.stringify(similar) : null };
}

/** Common phrases for what the customer is typing: FAQ questions containing it or sharing a word (at most 5). */
export function phrases(typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return [];
  const contains = FAQ.filter((e) => e.question.toLowerCase().includes(needle)).map((e) => e.question);
  const related = matches(typed).map((e) => e.question);
  return [...new Set([...contains, ...related])].slice(0, 5);
}
