// Draws the extension icon (images/icon.png, 128x128 RGBA) with no dependencies: a document with
// clause lines on a blue tile, and a green check badge. Re-run with `node scripts/make-icon.mjs`.
import { Buffer } from "node:buffer";
import console from "node:console";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZE = 128;
const SS = 4; // supersamples per axis

// Signed distance helpers (negative inside).
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r,
    hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx,
    dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax,
    py = y - ay,
    vx = bx - ax,
    vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t) - w / 2;
};
const union =
  (...fs) =>
  (x, y) =>
    Math.min(...fs.map((f) => f(x, y)));

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

const layers = [
  // Tile with a vertical gradient.
  {
    shape: roundRect(4, 4, 124, 124, 24),
    color: (_x, y) => mix(hex("#2563a8"), hex("#173a66"), (y - 4) / 120),
  },
  // Document and its shadow.
  { shape: roundRect(32, 22, 90, 108, 7), color: () => hex("#0f2a4a"), alpha: 0.35 },
  { shape: roundRect(30, 18, 88, 104, 7), color: () => hex("#ffffff") },
  // Clause lines.
  {
    shape: union(
      segment(42, 36, 76, 36, 5),
      segment(42, 50, 76, 50, 5),
      segment(42, 64, 68, 64, 5),
      segment(42, 78, 60, 78, 5),
    ),
    color: () => hex("#9db4cf"),
  },
  // Check badge with a ring in the tile colour.
  { shape: circle(88, 88, 27), color: () => hex("#173a66") },
  { shape: circle(88, 88, 23), color: () => hex("#2fb36f") },
  { shape: union(segment(76, 89, 85, 98, 7), segment(85, 98, 101, 79, 7)), color: () => hex("#ffffff") },
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let acc = [0, 0, 0, 0]; // premultiplied
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS,
          y = py + (sy + 0.5) / SS;
        let c = [0, 0, 0],
          a = 0;
        for (const l of layers) {
          if (l.shape(x, y) > 0) continue;
          const la = l.alpha ?? 1;
          c = mix(c, l.color(x, y), la);
          a = a + (1 - a) * la;
        }
        acc = [acc[0] + c[0] * a, acc[1] + c[1] * a, acc[2] + c[2] * a, acc[3] + a];
      }
    }
    const n = SS * SS,
      o = (py * SIZE + px) * 4,
      alpha = acc[3] / n;
    for (let i = 0; i < 3; i++) rgba[o + i] = alpha ? Math.round(acc[i] / n / alpha) : 0;
    rgba[o + 3] = Math.round(alpha * 255);
  }
}

// PNG encoding: signature, IHDR, one IDAT (filter 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "images", "icon.png");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
