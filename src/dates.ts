/**
 * Month names as news text writes them, full and abbreviated, as one regular
 * expression alternative (`MONTHS` inside `(?:...)`): for figures and dates
 * in key facts, and for date answers in the search.
 */
export const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
