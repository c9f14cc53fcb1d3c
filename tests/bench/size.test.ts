// @vitest-environment node
/**
 * The size table's entries and budget marks (bench/size.mjs): the three budgets of issue 12, the
 * full API without the resumable upload, and the resumable rows only once src/index.ts has them.
 */
import { describe, expect, it } from 'vitest'
import { budgets, entriesFor, sizeLine } from '../../bench/size.mjs'

const TODAY = ['default', 'createUploader', 'useUpload', 'useDownload', 'useUploadQueue', 'createUploadQueue', 'TransferError']

describe('entriesFor', () => {
  it('every budgeted row is measured', () => {
    expect(Object.keys(entriesFor(TODAY))).toEqual(expect.arrayContaining(Object.keys(budgets)))
    expect(Object.values(budgets).sort()).toEqual([4000, 4700, 6400])
  })

  it('no resumable rows while src/index.ts has no resumable exports', () => {
    expect(Object.keys(entriesFor(TODAY)).filter((name) => /esumable/.test(name) && !/without/.test(name))).toEqual([])
  })

  it('once it has them: one row each, and the full API still leaves them out', () => {
    const entries = entriesFor([...TODAY, 'uploadResumable', 'useResumableUpload'])
    expect(entries['uni-uploader (uploadResumable only)']).toBe(`export { uploadResumable } from 'uni-uploader'`)
    expect(entries['uni-uploader (useResumableUpload only)']).toBe(`export { useResumableUpload } from 'uni-uploader'`)
    const full = Object.entries(entries).find(([name]) => name.startsWith('uni-uploader (full API'))![1]
    expect(full).toContain('useUploadQueue')
    expect(full).not.toMatch(/Resumable/)
  })
})

describe('sizeLine', () => {
  it('marks a budget met or NOT MET, in kB of 1,000 bytes', () => {
    expect(sizeLine({ name: 'a', budget: 4000, min: 9000, gzip: 4000 })).toMatch(/4\.00 kB gz\s+budget 4\.00 kB: met$/)
    expect(sizeLine({ name: 'a', budget: 4000, min: 9000, gzip: 4001 })).toMatch(/budget 4\.00 kB: NOT MET$/)
    expect(sizeLine({ name: 'b', min: 9000, gzip: 3000 })).not.toMatch(/budget/)
  })
})
