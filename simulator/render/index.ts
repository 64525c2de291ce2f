import type { FeedVariant } from '../types';
import type { FeedRenderer } from './types';
import { v2Renderer } from './v2';
import { v3Renderer } from './v3';
import { velibRenderer } from './velib';

export const RENDERERS: Record<FeedVariant, FeedRenderer> = {
  velib: velibRenderer,
  v2: v2Renderer,
  v3: v3Renderer,
};

export { velibRenderer, v2Renderer, v3Renderer };
export * from './types';
