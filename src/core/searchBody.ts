// The mark that puts a page in the search index: Pagefind indexes the element marked
// `data-pagefind-body` of each page that has one, and no page without.

/** A tag with the attribute that marks what Pagefind indexes (markup, never text, which is escaped). */
export const SEARCH_BODY_RE = /<[a-z][^<>]*\sdata-pagefind-body[\s=/>]/i;
