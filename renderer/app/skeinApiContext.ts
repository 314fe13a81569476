// The bridge to the core, handed to every view through React context instead of a global.
import { createContext, useContext } from 'react';
import type { SkeinApi } from '../../app/api.js';

export const SkeinApiContext = createContext<SkeinApi | null>(null);

export function useSkeinApi(): SkeinApi {
  const api = useContext(SkeinApiContext);
  if (!api) throw new Error('useSkeinApi outside <SkeinApiContext.Provider>: the composition root mounts it');
  return api;
}
