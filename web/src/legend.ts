// Text legends next to every picture: what each colour and shape means, in words.
import { CELL_COLOURS, COLOURS, ISOLATION_STYLE } from './palette.ts';

const SHAPE_GLYPH: Record<string, string> = { ellipse: '●', diamond: '◆', hexagon: '⬢', 'round-rectangle': '■', 'round-octagon': '⯃', tag: '▶' };

export function graphLegend(): HTMLElement {
  const el = document.createElement('ul');
  el.className = 'legend';
  el.setAttribute('aria-label', 'Legend');
  const item = (colour: string, glyph: string, text: string) => {
    const li = document.createElement('li');
    li.innerHTML = `<span class="swatch" style="color:${colour}">${glyph}</span> `;
    li.append(text);
    el.append(li);
  };
  for (const s of Object.values(ISOLATION_STYLE)) item(s.colour, SHAPE_GLYPH[s.shape] ?? '●', s.text);
  item(COLOURS.vermillion, '◎', 'double red ring: reachable from outside the cluster (GET /v1/exposure)');
  item(COLOURS.yellow, SHAPE_GLYPH.tag, 'outside address ranges (CIDR)');
  item(COLOURS.black, '→', 'allowed flow (select it for its ports and why); dashed: only some pod pairs');
  return el;
}

export function matrixLegend(): HTMLElement {
  const el = document.createElement('ul');
  el.className = 'legend';
  el.setAttribute('aria-label', 'Legend');
  for (const [cell, s] of Object.entries(CELL_COLOURS)) {
    const li = document.createElement('li');
    li.innerHTML = `<span class="swatch" style="color:${s.colour}">■</span> <code>${cell}</code> `;
    li.append(s.text);
    el.append(li);
  }
  return el;
}
