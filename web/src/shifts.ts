// Cytoscape caches its container's page offset and refreshes it only on window resize, scroll and its
// own container's resize. When something above the graph changes height (the banner's text, the live
// status or a toolbar wrapping onto another line), the graph moves down the page and every click lands
// that many pixels off, on another element. Re-measure whenever those change size.
import type { Core } from 'cytoscape';

export function remeasureOnShift(cy: Core, above: readonly (Element | null)[]): void {
  const observer = new ResizeObserver(() => {
    if (!cy.destroyed()) cy.resize();
  });
  for (const el of above) if (el) observer.observe(el);
  cy.one('destroy', () => observer.disconnect());
}

/** The page's fixed chrome above every view: the header (picker, live status) and the dataplane banner. */
export function chrome(): (Element | null)[] {
  return [document.querySelector('body > header'), document.getElementById('banner')];
}
