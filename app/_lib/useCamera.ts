'use client';
/**
 * Where the map looks. A view from the URL wins; otherwise the map frames the system's stations
 * once they are known, and frames again when the person switches systems.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraTarget } from '@/app/_components/HotspotMap';
import { centreInArea, type Padding } from './frameBounds';
import { framePadding, frameSystem as frameSystemOn } from './openingView';
import type { SystemInfo } from './useSystems';
import { worldView } from './worldMarkers';
import type { MapView } from './viewQuery';

/**
 * What the open hexagon panel leaves of the map: on a wide screen the sidebar (left) and the
 * panel (right, 26rem); on a narrow one the header (top) and the bottom sheet (60 % of the height).
 */
function panelOpenPadding(size: { width: number; height: number }): Padding {
  if (size.width >= 900) return { top: 72, right: 440, bottom: 24, left: 360 };
  return { top: 110, right: 0, bottom: Math.round(size.height * 0.6), left: 0 };
}

const windowSize = () => ({ width: window.innerWidth, height: window.innerHeight });

const frameSystem = (system: SystemInfo): CameraTarget | null => frameSystemOn(system, windowSize());

interface Camera {
  camera: CameraTarget | null;
  /** The person moved the map. */
  onCameraChange: (view: MapView) => void;
  /** Fly to a place whose panel opens (a hotspot picked from the list, a station found): it lands clear of the panel. */
  flyTo: (view: MapView) => void;
  /** Fly to a system's stations (its marker clicked). */
  flyToSystem: (system: SystemInfo) => void;
  /** Fly out to frame every system (the World entry). */
  flyToWorld: (systems: readonly SystemInfo[]) => void;
}

export function useCamera(system: SystemInfo | null, initialView: MapView | null): Camera {
  const [camera, setCamera] = useState<CameraTarget | null>(initialView);
  const framedSystem = useRef<string | null>(initialView ? 'url' : null);

  useEffect(() => {
    if (!system) return;
    if (framedSystem.current === 'url') {
      framedSystem.current = system.id;
      return;
    }
    if (framedSystem.current === system.id) return;
    const framed = frameSystem(system);
    if (!framed) return;
    framedSystem.current = system.id;
    setCamera(framed);
  }, [system]);

  const onCameraChange = useCallback((view: MapView) => setCamera(view), []);
  const flyTo = useCallback((view: MapView) => {
    const size = windowSize();
    setCamera({ ...(view.pitch === 0 ? centreInArea(view, size, panelOpenPadding(size)) : view), fly: true });
  }, []);
  const flyToSystem = useCallback((target: SystemInfo) => {
    const framed = frameSystem(target);
    if (!framed) return;
    // Framed by hand: the effect above must not frame it again when it becomes the shown system.
    framedSystem.current = target.id;
    setCamera({ ...framed, fly: true });
  }, []);
  const flyToWorld = useCallback((systems: readonly SystemInfo[]) => {
    const size = windowSize();
    const panels = framePadding(size.width);
    // Room around the framed centres for the largest markers, and on the right for their names.
    const margin = 48;
    const view = worldView(systems, size, { top: panels.top + margin, right: panels.right + margin + 100, bottom: panels.bottom + margin, left: panels.left + margin });
    if (view) setCamera({ ...view, fly: true });
  }, []);
  return { camera, onCameraChange, flyTo, flyToSystem, flyToWorld };
}
