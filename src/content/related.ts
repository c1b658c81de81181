// The reports related to each report: those sharing its tags first, then its words, weighed by how
// rare they are among the published reports (TF-IDF), the same choice on every build.
import type { DateTime } from "luxon";
import { newestFirst } from "../core/order.js";
import { termCounts, type TermCounts } from "./terms.js";
import { tagsOf } from "./tags.js";
import type { AnalysedPage } from "./pageTypes.js";

/** What the choice reads of a report. */
export interface RelatedInput {
  path: string;
  date: DateTime | undefined;
  /** Only published reports are ever chosen; one held back (in a preview) still gets its list. */
  published: boolean;
  tags: readonly string[];
  title: string;
  description: string;
  /** The body's terms (`termCounts` of its text), read once with the body. */
  body: TermCounts;
}

/** Reports listed under a report. */
export const RELATED_LIMIT = 3;
/**
 * Terms kept per report, its most telling: the comparison goes through an index of these, never
 * through every pair of full vectors, which 4,000 reports of 1,200 terms each would make slow.
 */
const TOP_TERMS = 30;
/**
 * A shared tag's weight per unit of its rarity, ln(1 + n/df) > ln 2 (a tag of every report is
 * passed over): one shared tag (> 1.39) then outweighs any likeness of words, a cosine of at most 1.
 */
const TAG_WEIGHT = 2;
/** A term kept by more reports than this share of them (or MIN_POSTINGS) is passed over. */
const MAX_POSTINGS_SHARE = 0.1;
const MIN_POSTINGS = 100;
/** A term of the title or description counts as this many of the body's. */
const TITLE_WEIGHT = 3;

interface Vector {
  terms: number[];
  weights: number[];
}

/**
 * Up to RELATED_LIMIT published reports for each report, most related first, by path. A report is
 * never its own; ties go to the newer report, then by path, so the order in which the reports are
 * given never matters.
 */
export function relatedReports(reports: Iterable<RelatedInput>): Map<string, string[]> {
  const docs = [...reports].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tieRank = new Int32Array(docs.length);
  [...docs.keys()].sort((a, b) => newestFirst(docs[a]!, docs[b]!)).forEach((doc, rank) => (tieRank[doc] = rank));
  const corpus = [...docs.keys()].filter((doc) => docs[doc]!.published);
  const titled = docs.map((doc) => termCounts(`${doc.title}\n${doc.description}`));
  const tags = docs.map((doc) => [...new Set(doc.tags)].sort());

  // How many published reports use each term and tag.
  const termDf = new TermTable();
  const tagDocs = new Map<string, number[]>();
  for (const doc of corpus) {
    forEachTerm(docs[doc]!.body, titled[doc]!, (term) => termDf.add(term));
    for (const tag of tags[doc]!) {
      const users = tagDocs.get(tag);
      if (users) users.push(doc);
      else tagDocs.set(tag, [doc]);
    }
  }
  const n = corpus.length;
  // ln(n/df) for every df there can be, worked out once rather than for each term of each report.
  const idf = Float64Array.from({ length: n + 1 }, (_, users) => (users === 0 ? 0 : Math.log(n / users)));
  const vectors = docs.map((doc, index) => topTerms(doc.body, titled[index]!, termDf, idf, doc.published));

  // Each kept term of a published report → the reports keeping it, with its weight in each. A term
  // that very many reports keep tells few of them apart and would make the comparison quadratic.
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  for (const doc of corpus) {
    const { terms, weights } = vectors[doc]!;
    for (let i = 0; i < terms.length; i++) {
      let list = postings.get(terms[i]!);
      if (!list) postings.set(terms[i]!, (list = { docs: [], weights: [] }));
      list.docs.push(doc);
      list.weights.push(weights[i]!);
    }
  }
  const longest = Math.max(MIN_POSTINGS, Math.ceil(n * MAX_POSTINGS_SHARE));
  for (const [term, list] of postings) if (list.docs.length > longest) postings.delete(term);

  const scores = new Float64Array(docs.length);
  const touched: number[] = [];
  const related = new Map<string, string[]>();
  docs.forEach((doc, self) => {
    for (const tag of tags[self]!) {
      const users = tagDocs.get(tag) ?? [];
      // A tag every published report carries (this blog's 「AI」) says nothing about any two of them.
      if (users.length === n) continue;
      const weight = TAG_WEIGHT * Math.log(1 + n / users.length);
      for (const other of users) {
        if (scores[other] === 0) touched.push(other);
        scores[other]! += weight;
      }
    }
    const { terms, weights } = vectors[self]!;
    for (let i = 0; i < terms.length; i++) {
      const list = postings.get(terms[i]!);
      if (!list) continue;
      for (let j = 0; j < list.docs.length; j++) {
        const other = list.docs[j]!;
        if (scores[other] === 0) touched.push(other);
        scores[other]! += weights[i]! * list.weights[j]!;
      }
    }
    const best: number[] = [];
    for (const other of touched) if (other !== self) insertBest(best, other, scores, tieRank);
    for (const other of touched) scores[other] = 0;
    touched.length = 0;
    related.set(doc.path, best.map((other) => docs[other]!.path));
  });
  return related;
}

/** Keeps `best` the RELATED_LIMIT highest scores, ties to the lower tie rank. */
function insertBest(best: number[], doc: number, scores: Float64Array, tieRank: Int32Array): void {
  const score = scores[doc]!;
  let at = best.length;
  while (at > 0) {
    const other = best[at - 1]!;
    if (score < scores[other]! || (score === scores[other] && tieRank[doc]! > tieRank[other]!)) break;
    at--;
  }
  if (at >= RELATED_LIMIT) return;
  best.splice(at, 0, doc);
  if (best.length > RELATED_LIMIT) best.pop();
}

/** Heavier first; of equal weight, the lower term, so that the choice never depends on order. */
function outranks(weight: number, term: number, than: { term: number; weight: number }): boolean {
  return weight > than.weight || (weight === than.weight && term < than.term);
}

/**
 * Every term of a report once, with its count: the body's, plus its title's and description's
 * (`titled`) weighed up. Both lists are sorted: one walk along the two.
 */
function forEachTerm(body: TermCounts, titled: TermCounts, use: (term: number, count: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < body.terms.length || j < titled.terms.length) {
    const a = i < body.terms.length ? body.terms[i]! : Infinity;
    const b = j < titled.terms.length ? titled.terms[j]! : Infinity;
    if (a < b) use(a, body.counts[i++]!);
    else if (b < a) use(b, TITLE_WEIGHT * titled.counts[j++]!);
    else use(a, body.counts[i++]! + TITLE_WEIGHT * titled.counts[j++]!);
  }
}

/** 1 + ln tf for the counts most terms have. */
const TF = Float64Array.from({ length: 256 }, (_, count) => (count === 0 ? 0 : 1 + Math.log(count)));

/** A term never kept: terms are 30-bit hashes. */
const EMPTY = 0xffffffff;

/**
 * How many reports use each term, in an open-addressed table of typed arrays: the counting touches
 * every term of every report (five million at 4,000 reports), where a Map costs several times as much.
 */
class TermTable {
  #keys = new Uint32Array(1 << 16).fill(EMPTY);
  #counts = new Uint32Array(1 << 16);
  #size = 0;

  add(term: number): void {
    let at = this.#slot(term);
    if (this.#keys[at] === EMPTY) {
      if (2 * (this.#size + 1) > this.#keys.length) {
        this.#grow();
        at = this.#slot(term);
      }
      this.#keys[at] = term;
      this.#size++;
    }
    this.#counts[at]!++;
  }

  get(term: number): number {
    const at = this.#slot(term);
    return this.#keys[at] === EMPTY ? 0 : this.#counts[at]!;
  }

  /** Where the term is, or the empty slot where it would go (terms are hashes already: their low bits will do). */
  #slot(term: number): number {
    const mask = this.#keys.length - 1;
    let at = term & mask;
    while (this.#keys[at] !== EMPTY && this.#keys[at] !== term) at = (at + 1) & mask;
    return at;
  }

  #grow(): void {
    const [keys, counts] = [this.#keys, this.#counts];
    this.#keys = new Uint32Array(keys.length * 2).fill(EMPTY);
    this.#counts = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue;
      const at = this.#slot(keys[i]!);
      this.#keys[at] = keys[i]!;
      this.#counts[at] = counts[i]!;
    }
  }
}

/**
 * A report's TOP_TERMS terms of highest TF-IDF, (1 + ln tf) · ln(n/df), scaled to length 1. A term
 * every published report uses weighs nothing, and one no other published report uses (the rarest,
 * which would otherwise fill the list) can relate it to none: both are left out.
 */
function topTerms(body: TermCounts, titled: TermCounts, df: TermTable, idf: Float64Array, published: boolean): Vector {
  // The best so far, best first: one pass, no sort of a report's thousand terms.
  const kept: Array<{ term: number; weight: number }> = [];
  forEachTerm(body, titled, (term, count) => {
    const users = df.get(term);
    const others = published ? users - 1 : users;
    const weight = others === 0 ? 0 : (count < TF.length ? TF[count]! : 1 + Math.log(count)) * idf[users]!;
    if (weight <= 0 || (kept.length === TOP_TERMS && !outranks(weight, term, kept[TOP_TERMS - 1]!))) return;
    let at = kept.length;
    while (at > 0 && outranks(weight, term, kept[at - 1]!)) at--;
    kept.splice(at, 0, { term, weight });
    if (kept.length > TOP_TERMS) kept.pop();
  });
  const length = Math.sqrt(kept.reduce((sum, { weight }) => sum + weight * weight, 0));
  return { terms: kept.map(({ term }) => term), weights: kept.map(({ weight }) => weight / length) };
}

/** What the choice reads of each report of the analysed site. */
export function relatedInputs(pages: Iterable<AnalysedPage>): RelatedInput[] {
  const inputs: RelatedInput[] = [];
  for (const page of pages) {
    if (page.kind !== "report") continue;
    const description = typeof page.data.description === "string" ? page.data.description : "";
    inputs.push({ path: page.path, date: page.date, published: page.status.state === "published", tags: tagsOf(page.data), title: page.title, description, body: page.terms });
  }
  return inputs;
}

/** Whether two builds would choose alike: the same reports, each with the same facts and the same body's terms (kept while the body is unchanged). */
export function sameRelatedInputs(a: readonly RelatedInput[], b: readonly RelatedInput[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.path === y.path &&
        x.published === y.published &&
        x.date?.toMillis() === y.date?.toMillis() &&
        x.title === y.title &&
        x.description === y.description &&
        x.body === y.body &&
        x.tags.length === y.tags.length &&
        x.tags.every((tag, j) => tag === y.tags[j])
      );
    })
  );
}
