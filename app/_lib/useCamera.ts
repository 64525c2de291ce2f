'use client';
/**
 * Where the map looks. A view from the URL wins; otherwise the map frames the system's stations
 * once they are known, and frames again when the person switches systems.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraTarget } from '@/app/_components/HotspotMap';
import { frameBounds, type Padding } from './frameBounds';
import type { SystemInfo } from './useSystems';
import type { MapView } from './viewQuery';

/** Room the floating panels take over the map, so the stations are framed beside them. */
function framePadding(width: number): Padding {
  const wide = width >= 900;
  return { top: 72, right: 24, bottom: wide ? 24 : 280, left: wide ? 360 : 24 };
}

function frameSystem(system: SystemInfo): CameraTarget | null {
  if (system.bounds) {
    const size = { width: window.innerWidth, height: window.innerHeight };
    return frameBounds(system.bounds, size, framePadding(size.width), 15);
  }
  if (system.center) return { latitude: system.center.lat, longitude: system.center.lon, zoom: 12, pitch: 0, bearing: 0 };
  return null;
}

interface Camera {
  camera: CameraTarget | null;
  /** The person moved the map. */
  onCameraChange: (view: MapView) => void;
  /** Fly somewhere (a hotspot picked from the list). */
  flyTo: (view: MapView) => void;
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
  const flyTo = useCallback((view: MapView) => setCamera({ ...view, fly: true }), []);
  return { camera, onCameraChange, flyTo };
}
