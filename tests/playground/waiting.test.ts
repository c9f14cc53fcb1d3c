// The playground's "Waiting for the server" rule (playground/src/utils/waiting.ts): pure functions.
import { describe, expect, it } from 'vitest'
import { isAwaitingServer, shownPercent } from '../../playground/src/utils/waiting'

describe('playground waiting-for-the-server rule', () => {
  it('waits once every byte is sent and the transfer still runs', () => {
    expect(isAwaitingServer({ status: 'transferring', progress: 100, sent: 3_000_000, expected: 3_000_000 })).toBe(true)
  })

  it('waits while the library holds progress at 99, whatever the bytes say', () => {
    expect(isAwaitingServer({ status: 'transferring', progress: 99 })).toBe(true)
    expect(isAwaitingServer({ status: 'transferring', progress: 99, sent: 10, expected: 100 })).toBe(true)
  })

  it('does not wait while bytes are still going up, or once the transfer ended', () => {
    expect(isAwaitingServer({ status: 'transferring', progress: 60, sent: 60, expected: 100 })).toBe(false)
    expect(isAwaitingServer({ status: 'transferring', progress: 0, sent: 0, expected: 0 })).toBe(false)
    for (const status of ['idle', 'pending', 'success', 'error', 'aborted']) {
      expect(isAwaitingServer({ status, progress: 100, sent: 100, expected: 100 })).toBe(false)
    }
  })

  it('shows 100% only for a success: an aborted or failed upload reads at most 99%', () => {
    expect(shownPercent('success', 100)).toBe(100)
    expect(shownPercent('transferring', 100)).toBe(99)
    expect(shownPercent('aborted', 100)).toBe(99)
    expect(shownPercent('error', 100)).toBe(99)
    expect(shownPercent('transferring', 42)).toBe(42)
    expect(shownPercent('transferring', NaN)).toBe(0)
  })
})
