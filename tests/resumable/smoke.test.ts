import { afterEach, describe, expect, it } from 'vitest'
import { createUploader, uploadResumable } from '../../src/index'
import { bytes, createTusServer, createTusUni, installFakeXhr } from '../helpers/fake-tus'

describe('smoke', () => {
  let restore: () => void = () => {}
  afterEach(() => restore())
  it('web', async () => {
    const server = createTusServer()
    const xhr = installFakeXhr(server)
    restore = xhr.restore
    const { uni } = createTusUni(server, { platform: 'web' })
    const up = createUploader({ uni: uni as any, platform: 'web' })
    const data = bytes(1000)
    const file = new File([data], 'a.bin', { type: 'application/octet-stream' })
    const events: number[] = []
    const p = uploadResumable({ endpoint: 'https://tus.test/files/', file, chunkSize: 300, uploader: up })
    p.onProgressUpdate((e) => events.push(e.progress))
    const res = await p
    expect(res.uploadUrl).toBe('https://tus.test/files/1')
    expect(server.stored(1)).toEqual(data)
    expect(server.methods()).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH', 'PATCH'])
    console.log(events)
  })
  it('mp', async () => {
    const server = createTusServer()
    const data = bytes(1000)
    const fake = createTusUni(server, { platform: 'mp-weixin', files: { '/tmp/a.mp4': data } })
    const up = createUploader({ uni: fake.uni as any })
    const res = await uploadResumable({ endpoint: 'https://tus.test/files/', filePath: '/tmp/a.mp4', chunkSize: 400, uploader: up })
    expect(server.stored(1)).toEqual(data)
    expect(server.methods()).toEqual(['POST', 'POST(PATCH)', 'POST(PATCH)', 'POST(PATCH)'])
    expect(res.statusCode).toBe(204)
  })
})
