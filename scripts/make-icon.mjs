// Draws build/icon.png (512×512): two overlapping rings, one per partner, on a dark tile.
// Run with `node scripts/make-icon.mjs`; electron-builder derives the .ico and .icns from it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const px = Buffer.alloc(SIZE * SIZE * 4);
const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
const TILE = [18, 52, 86],
  BERLIN = [218, 41, 28],
  AMSTELVEEN = [255, 153, 0];

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    // Rounded-square tile with a soft edge.
    const r = 96,
      cx = Math.min(Math.max(x, r), SIZE - r),
      cy = Math.min(Math.max(y, r), SIZE - r);
    const edge = Math.hypot(x - cx, y - cy) - (r - 8);
    if (edge > 1) continue;
    let colour = TILE;
    const ring = (ox, oy) => Math.abs(Math.hypot(x - ox, y - oy) - 120);
    const left = ring(200, 256),
      right = ring(312, 256);
    if (left < 26) colour = mix(colour, BERLIN, Math.min(1, 26 - left));
    if (right < 26 && (x > 256 || left >= 26)) colour = mix(colour, AMSTELVEEN, Math.min(1, 26 - right));
    px.set([...colour, edge > 0 ? Math.round(255 * (1 - edge)) : 255], i);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const rows = Buffer.concat(
  Array.from({ length: SIZE }, (_, y) =>
    Buffer.concat([Buffer.from([0]), px.subarray(y * SIZE * 4, (y + 1) * SIZE * 4)]),
  ),
);
writeFileSync(
  new URL('../build/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
