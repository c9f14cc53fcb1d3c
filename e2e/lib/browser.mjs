// System Chromium driven by playwright-core (never a downloaded browser), headless, with every
// non-loopback request sent to a local "guard" proxy that refuses it and records it.
import net from 'node:net'
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** A proxy on 127.0.0.1 that answers 403 to anything and remembers what was asked. */
export async function startGuardProxy() {
  const blocked = []
  const sockets = new Set()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('data', (buf) => {
      const line = buf.toString('latin1').split('\r\n')[0]
      blocked.push(line)
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    blocked,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install it with \`apt-get update && apt-get install -y chromium\``)
  }
  const guard = await startGuardProxy()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
      // everything but loopback goes to the guard proxy (loopback always bypasses a proxy)...
      `--proxy-server=http://127.0.0.1:${guard.port}`,
      // ...and no name but the loopback ones resolves
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    ],
  })
  return {
    browser,
    blocked: guard.blocked,
    async close() {
      await browser.close().catch(() => {})
      await guard.close()
    },
  }
}
