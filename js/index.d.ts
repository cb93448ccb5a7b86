// Types of the npm package "hedgemark" (js/index.js in browsers and bundlers, js/node.js in
// Node): the API and the hedgemark/1 result (../shared/spec/output-schema.md in the project).

/** The language codes analyze() accepts: "auto" (or "") detects the language of the text. */
export type LanguageOption = "auto" | "de" | "en";

/** A language the engine analyses. */
export type Language = "de" | "en";

/** Options of analyze() and htmlReport(). Unknown fields are ignored. */
export interface AnalyzeOptions {
  /** "auto" (the default; also `undefined`, `null` or ""), "de" or "en". */
  language?: LanguageOption | "" | null;
}

/**
 * A stretch of the text: UTF-16 code units, half-open [start, end), as String.prototype.slice
 * takes them. `input.slice(start, end) === text` always holds.
 */
export interface Span {
  start: number;
  end: number;
  /** The exact substring of the input the span covers. */
  text: string;
}

/** What a hedge does to the claim it weakens. */
export type HedgeCategory =
  | "reportative"
  | "speculative"
  | "belief"
  | "evidential_gap"
  | "weasel"
  | "approximator";

/** A word or phrase that weakens or distances a claim. */
export interface Hedge extends Span {
  category: HedgeCategory;
  /** Index into `sentences`. */
  sentence: number;
  /** The id of the rule that fired, language first: "de.reportative.sollen-perfect". */
  rule: string;
  /** One sentence for readers: why this word hedges the claim. */
  note: string;
}

/** What kind of source a claim is attributed to. */
export type SourceKind = "person" | "organization" | "vague" | "unknown";

/** Who a claim is attributed to, as one entity with all its mentions. */
export interface Source {
  /** Referred to by Attribution.source. */
  id: number;
  /** The fullest name found in the text. */
  name: string;
  kind: SourceKind;
  mentions: Span[];
}

/** How a claim is attributed. */
export type AttributionType = "direct" | "indirect" | "according_to" | "belief";

/** One claim attributed to one source. */
export interface Attribution {
  type: AttributionType;
  /** A Source.id, or null when nobody can be named. */
  source: number | null;
  /** The word or phrase that signals the attribution, null where the context alone does it. */
  cue: Span | null;
  /** The claim (for "direct": the text between the quotation marks). */
  content: Span;
  /** Index into `sentences`. */
  sentence: number;
}

/**
 * A share from 0 to 1 with at most three decimals (0.187), computed from integers and rounded
 * half up; 0 when there is nothing to divide by.
 */
export type Share = number;

/** Attributions (of every type) counted by the kind of their source. */
export interface ClaimsByKind {
  person: number;
  organization: number;
  vague: number;
  /** Sources of kind "unknown". */
  unknown: number;
  /** Attributions whose `source` is null: nobody can be named. */
  unsourced: number;
}

/** The sourcing of one source (one entry per source in `Sourcing.by_source`). */
export interface SourceSourcing {
  /** The Source.id. */
  source: number;
  /** Its attributions, of every type. */
  claims: number;
  /** Its direct quotations. */
  quotes: number;
  /** UTF-16 code units inside its direct quotations (each unit once). */
  quoted: number;
  /** Its `quoted` / all quoted units of the text (`Sourcing.quoted`). */
  quoted_share: Share;
}

/**
 * Who the claims come from, which hedged claims nobody is named for, and how much of the text
 * is quoted. Amounts of text are UTF-16 code units, like every offset.
 */
export interface Sourcing {
  /** Attributions by the kind of their source. */
  claims: ClaimsByKind;
  /** Sentences with at least one hedge (equals `Stats.hedged_sentences`). */
  hedged_claims: number;
  /** Hedged sentences that no attribution's content overlaps (shares a character with). */
  unattributed_hedged_claims: number;
  /** UTF-16 code units inside direct quotations' contents (each unit once, also where quotations nest). */
  quoted: number;
  /** `quoted` / the UTF-16 length of the text (`text.length`). */
  quoted_share: Share;
  /** One entry per source, in Source.id order. */
  by_source: SourceSourcing[];
}

/** Counts over the whole text. */
export interface Stats {
  sentences: number;
  hedged_sentences: number;
  /** Sentences in which at least one attribution's content starts. */
  attributed_sentences: number;
  hedges: number;
  sources: number;
  /** Direct quotations. */
  quotes: number;
  /** The sourcing summary. */
  sourcing: Sourcing;
}

/** The hedgemark/1 result: exactly the command line's JSON, as plain objects and arrays. */
export interface HedgemarkResult {
  schema: "hedgemark/1";
  /** The language analysed: the one asked for, or the one detected. */
  language: Language;
  sentences: Span[];
  /** Sorted by start. */
  hedges: Hedge[];
  sources: Source[];
  attributions: Attribution[];
  stats: Stats;
}

/** Where init() finds the WebAssembly module. */
export type InitInput =
  | URL
  | string
  | Request
  | Response
  | PromiseLike<Response>
  | BufferSource
  | WebAssembly.Module
  | { module_or_path: URL | string | Request | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module };

/**
 * Loads the WebAssembly module; await it once before the first analyze() in browsers and
 * bundlers. The default is the package's own pkg/hedgemark_bg.wasm (resolved from
 * import.meta.url). Idempotent: every call returns the same promise. In Node the module is loaded
 * at import and the promise is already resolved.
 */
export default function init(input?: InitInput): Promise<void>;

/**
 * Analyses `text`. Throws an Error with a message for bad options, and, in browsers, when init()
 * has not finished ("hedgemark: call and await init() before analyze()").
 */
export function analyze(text: string, options?: AnalyzeOptions | null): HedgemarkResult;

/** The standalone HTML report of `text`: a whole page, escaped, with no scripts. */
export function htmlReport(text: string, options?: AnalyzeOptions | null): string;

/** The engine's version (the crate's). */
export function version(): string;

/** The result format's name. */
export const SCHEMA: "hedgemark/1";
/**
 * The longest text one analysis takes, in bytes of UTF-8: 64 MiB (67,108,864). `analyze` and
 * `htmlReport` throw an Error for a longer text instead of running the page out of memory.
 */
export const MAX_TEXT_BYTES: number;
