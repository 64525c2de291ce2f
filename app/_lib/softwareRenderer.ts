/**
 * Whether WebGL runs on a software renderer (no usable GPU: SwiftShader, as in headless Chromium,
 * llvmpipe in a virtual machine). It draws every sample on the CPU: there, antialiasing the map
 * makes its drawing buffer four times larger and its first frame ~200 ms slower on this project's
 * machine, for edges a person hardly sees. Asked once, of a throwaway 1×1 context.
 */
let answer: boolean | null = null;

const SOFTWARE_RENDERERS = /SwiftShader|llvmpipe|softpipe|Software Rasterizer|Microsoft Basic Render/i;

export function softwareRenderer(): boolean {
  if (answer !== null) return answer;
  const gl = document.createElement('canvas').getContext('webgl2', { antialias: false, depth: false, stencil: false });
  // Without the extension the renderer cannot be named: take it for hardware.
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  answer = Boolean(gl && info && SOFTWARE_RENDERERS.test(String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))));
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return answer;
}
