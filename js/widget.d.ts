// Types of "hedgemark/widget" (js/widget.js): the <hedge-mark> custom element and the functions
// that highlight any element in place. Importing the module registers <hedge-mark>.

import type { HedgeCategory, HedgemarkResult, LanguageOption } from "./index.js";

export type { HedgemarkResult } from "./index.js";

/** The hedge categories of hedgemark/1, in display order. */
export const CATEGORIES: readonly HedgeCategory[];

/** Options of highlight(). */
export interface HighlightOptions {
  /** Default: from the element's `lang` or its closest ancestor's, else "auto". */
  language?: LanguageOption | "" | null;
  /** Where the engine's .wasm is (resolved against document.baseURI); only the first load uses it. */
  wasm?: string | URL;
}

/** Loads the engine once per page; every call returns the same promise. */
export function init(options?: { wasm?: string | URL }): Promise<void>;

/**
 * Highlights the hedges (and sources) in the text under `element`, in place, and resolves to the
 * hedgemark/1 result (null if a later highlight() or clear() of the element superseded it).
 * Dispatches `hedgemark:highlighted` (detail: the stats) or, on failure, `hedgemark:error`.
 */
export function highlight(element: Element, options?: HighlightOptions): Promise<HedgemarkResult | null>;

/**
 * Undoes highlight(): the element's DOM as it was (same nodes, same text). Returns whether
 * anything was highlighted.
 */
export function clear(element: Element, options?: { silent?: boolean }): boolean;

/** The string highlight() analyses for `element`. */
export function textOf(element: Element): string;

/** The result of the last highlight() of `element`, or null. */
export function resultOf(element: Element): HedgemarkResult | null;

/** The marks highlight() made in `element`, in document order. */
export function marksOf(element: Element): HTMLElement[];

/**
 * `<hedge-mark>`: highlights the article markup it wraps. Attributes: `language`
 * (auto | de | en; default from `lang`), `wasm` (the engine's URL). Its toolbar (shadow part
 * "toolbar") shows the counts by category and, in one line (part "sourcing"), the sourcing
 * summary of `result.stats.sourcing`.
 */
export class HedgeMarkElement extends HTMLElement {
  /** The hedgemark/1 result of the last highlight, or null. */
  readonly result: HedgemarkResult | null;
  /** Analyses and highlights the content again. */
  refresh(): Promise<HedgemarkResult | null>;
  /** Removes the highlights. */
  clear(): boolean;
}

/**
 * Registers the element as `tagName` (default "hedge-mark"); idempotent. Returns the element's
 * class, or undefined where there are no custom elements.
 */
export function define(tagName?: string): typeof HedgeMarkElement | undefined;

declare global {
  interface HTMLElementTagNameMap {
    "hedge-mark": HedgeMarkElement;
  }
}
