import jsQRModule from 'jsqr';
import type { Locator } from 'playwright-core';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a default export in its types: under NodeNext the function is `.default`.
const jsQR = jsQRModule.default;

/** What a QR code on the page says, read from its pixels as a phone's camera would. */
export async function readQrCode(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
