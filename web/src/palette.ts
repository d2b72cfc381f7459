// Okabe & Ito's colour-blind-safe palette (Okabe, Ito 2008, "Color Universal Design"); every colour
// is paired with a shape or a text label, so nothing is said by colour alone.
export const COLOURS = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
  black: '#000000',
};

export type Isolation = 'none' | 'ingress' | 'egress' | 'both' | 'unloaded';

export const ISOLATION_STYLE: Record<Isolation, { colour: string; shape: string; text: string }> = {
  none: { colour: COLOURS.orange, shape: 'ellipse', text: 'not isolated (any traffic allowed both ways)' },
  ingress: { colour: COLOURS.sky, shape: 'diamond', text: 'isolated for ingress only' },
  egress: { colour: COLOURS.green, shape: 'hexagon', text: 'isolated for egress only' },
  both: { colour: COLOURS.blue, shape: 'round-rectangle', text: 'isolated both ways' },
  unloaded: { colour: COLOURS.grey, shape: 'round-octagon', text: 'isolation not loaded (select the node)' },
};

export const CELL_COLOURS: Record<string, { colour: string; text: string }> = {
  '1': { colour: COLOURS.blue, text: 'allowed (every pair)' },
  p: { colour: COLOURS.yellow, text: 'partly allowed (some pairs)' },
  '0': { colour: COLOURS.vermillion, text: 'denied (no pair)' },
  '?': { colour: COLOURS.grey, text: 'unknown (the plugin does not document it)' },
};
