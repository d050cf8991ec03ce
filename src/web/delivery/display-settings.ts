import { useCallback, useEffect, useState } from 'react';

export const colourSchemes = ['default', 'contrast', 'dark'] as const;
export type ColourScheme = (typeof colourSchemes)[number];
export const schemeLabels: Record<ColourScheme, string> = { default: 'Default', contrast: 'High contrast', dark: 'Dark' };
export const zoomLevels = [100, 125, 150, 175, 200] as const;

/** How the candidate likes the runner: item zoom, colours, and whether single-key shortcuts (1–9, A–E) are on. */
export interface DisplaySettings {
  zoom: number;
  scheme: ColourScheme;
  /** WCAG 2.1.4: character-key shortcuts can be turned off (speech input users type letters by voice). */
  singleKeys: boolean;
}

const storageKey = 'invigil.examDisplay';
const defaults: DisplaySettings = { zoom: 100, scheme: 'default', singleKeys: true };

function read(): DisplaySettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Partial<DisplaySettings>;
    return {
      zoom: zoomLevels.includes(parsed.zoom as never) ? parsed.zoom! : defaults.zoom,
      scheme: colourSchemes.includes(parsed.scheme as never) ? parsed.scheme! : defaults.scheme,
      singleKeys: typeof parsed.singleKeys === 'boolean' ? parsed.singleKeys : defaults.singleKeys,
    };
  } catch {
    return defaults;
  }
}

/** The display settings, remembered in localStorage. The colour scheme is also put on `<html>` while the runner is
 * open, so dialogs (rendered at the end of `<body>`) and the full-screen backdrop take the same colours. */
export function useDisplaySettings(): [DisplaySettings, (change: Partial<DisplaySettings>) => void] {
  const [settings, setSettings] = useState(read);

  const update = useCallback((change: Partial<DisplaySettings>) => {
    setSettings((previous) => {
      const next = { ...previous, ...change };
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice still holds for this page.
      }
      return next;
    });
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.examScheme = settings.scheme;
    return () => {
      delete root.dataset.examScheme;
    };
  }, [settings.scheme]);

  return [settings, update];
}
