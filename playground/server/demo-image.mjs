// A fixed demo image for the download demo, drawn here so the repository ships no binary:
// a 720×480 PNG (a gradient, soft circles, a download badge and some grain so it weighs a few
// hundred KB and a throttled download shows real progress). The same bytes on every run.
import zlib from 'node:zlib'

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(buf) {
  let c = 0xffffffff
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** Encodes 8-bit RGB pixels (row-major, 3 bytes a pixel) as a PNG. */
export function encodePNG(width, height, rgb) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0 // filter: none
    rgb.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Deterministic pseudo-random bytes (xorshift32), for download tests of any size. */
export function pseudoRandomBytes(size, seed = 1) {
  const out = Buffer.alloc(size)
  let x = (seed >>> 0) || 0x9e3779b9
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
    if (i + 1 < size) out[i + 1] = (x >>> 8) & 0xff
    if (i + 2 < size) out[i + 2] = (x >>> 16) & 0xff
    if (i + 3 < size) out[i + 3] = (x >>> 24) & 0xff
  }
  return out
}

function drawDemo(width = 720, height = 480) {
  const rgb = Buffer.alloc(width * height * 3)
  const noise = pseudoRandomBytes(width * height, 20261123)
  const mix = (a, b, t) => a + (b - a) * t
  const from = [13, 148, 136] // teal-600
  const to = [79, 70, 229] // indigo-600
  const circles = [
    [120, 90, 150, 0.18],
    [610, 120, 110, 0.14],
    [560, 420, 170, 0.12],
    [90, 430, 90, 0.16],
    [380, 40, 60, 0.2],
  ]
  const cx = width / 2
  const cy = height / 2
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = Math.min(1, Math.max(0, (x / width) * 0.6 + (y / height) * 0.4))
      let r = mix(from[0], to[0], t)
      let g = mix(from[1], to[1], t)
      let b = mix(from[2], to[2], t)
      for (const [ccx, ccy, rad, alpha] of circles) {
        const d = Math.hypot(x - ccx, y - ccy)
        if (d < rad) {
          const a = alpha * Math.min(1, (rad - d) / 12)
          r = mix(r, 255, a)
          g = mix(g, 255, a)
          b = mix(b, 255, a)
        }
      }
      // a white rounded badge with a download arrow
      const bx = Math.abs(x - cx)
      const by = Math.abs(y - cy)
      const half = 92
      const corner = 28
      const qx = Math.max(bx - (half - corner), 0)
      const qy = Math.max(by - (half - corner), 0)
      const inBadge = Math.hypot(qx, qy) <= corner
      if (inBadge) {
        r = mix(r, 255, 0.94)
        g = mix(g, 255, 0.94)
        b = mix(b, 255, 0.94)
        const lx = x - cx
        const ly = y - cy
        const shaft = Math.abs(lx) <= 11 && ly >= -52 && ly <= 14
        const head = ly >= 0 && ly <= 40 && Math.abs(lx) <= 40 - ly
        const tray = ly >= 50 && ly <= 62 && Math.abs(lx) <= 52
        if (shaft || head || tray) {
          r = mix(from[0], to[0], 0.45)
          g = mix(from[1], to[1], 0.45)
          b = mix(from[2], to[2], 0.45)
        }
      }
      const grain = (noise[y * width + x] % 13) - 6
      const i = (y * width + x) * 3
      rgb[i] = Math.max(0, Math.min(255, Math.round(r + grain)))
      rgb[i + 1] = Math.max(0, Math.min(255, Math.round(g + grain)))
      rgb[i + 2] = Math.max(0, Math.min(255, Math.round(b + grain)))
    }
  }
  return encodePNG(width, height, rgb)
}

let cached
/** The demo PNG (memoised). */
export function demoImage() {
  cached ??= drawDemo()
  return cached
}
