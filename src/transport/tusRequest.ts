import type { TusExchange, TusRequest, TusResponse, TusTransport } from '../resumable/types.js'
import type { UploaderConfig } from '../types.js'

/**
 * The methods each platform's `uni.request` sends as themselves (RESUMABLE.md's table); no uni
 * platform has `PATCH` (H5 and App would send `GET`, the mini-programs refuse it).
 */
const WECHAT = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']
const APP = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']
const DOUYIN = ['GET', 'POST', 'PUT']
const NATIVE_METHODS: Record<string, string[]> = {
  'mp-weixin': WECHAT,
  'mp-qq': WECHAT,
  app: APP,
  'app-plus': APP,
  'mp-toutiao': DOUYIN,
  'mp-lark': DOUYIN,
}

/** The platform's `uni.request` sends `method` as itself; else it goes as `POST` with `X-HTTP-Method-Override`. */
export const sendsNatively = (platform: string, method: string): boolean => (NATIVE_METHODS[platform] || DOUYIN).indexOf(method) >= 0

/** Response header names lower-cased (runtimes differ in case). */
function lowerCased(header: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (header && typeof header == 'object') for (const name of Object.keys(header)) out[name.toLowerCase()] = String((header as any)[name])
  return out
}

/**
 * Mini-programs and App: tus requests through `uni.request` (literally: see platform.ts), an
 * `ArrayBuffer` body, and a method the platform lacks sent as `POST` with
 * `X-HTTP-Method-Override`. The response says when it answered an overridden request, so that a
 * server ignoring the header can be named. A failure rejects with the runtime's `{ errMsg }`.
 */
export function uniRequestTransport(config: UploaderConfig, platform: string): TusTransport {
  return (request: TusRequest): TusExchange => {
    const overridden = !sendsNatively(platform, request.method)
    let task: any
    const response = new Promise<TusResponse>((resolve, reject) => {
      const options: Record<string, any> = {
        url: request.url,
        method: overridden ? 'POST' : request.method,
        header: overridden ? { ...request.headers, 'X-HTTP-Method-Override': request.method } : request.headers,
        data: request.body,
        dataType: 'text',
        responseType: 'text',
        success: (res: any) => resolve({ status: Number(res.statusCode), headers: lowerCased(res.header), overridden }),
        fail: reject,
      }
      if (request.timeout) options.timeout = request.timeout
      try {
        const runtime: any = config.uni
        task = runtime ? runtime.request(options) : uni.request(options as UniNamespace.RequestOptions)
      } catch (thrown: any) {
        reject({ errMsg: 'request:fail ' + ((thrown && thrown.message) || thrown) })
      }
    })
    return { response, abort: () => task && typeof task.abort == 'function' && task.abort() }
  }
}
