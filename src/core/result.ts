/**
 * One result shape on every platform: `statusCode` always a number (the Alipay devtool gives a
 * string; 200 where the runtime gives none), `header` (some runtimes say `headers`), and for
 * downloads `tempFilePath` (Alipay's `apFilePath`, WeChat's `filePath` when the call gave one).
 * Fields the runtime adds are kept.
 */
export function normalizeResult(raw: any, api: 'uploadFile' | 'downloadFile'): any {
  const result = { ...raw }
  const code = parseInt(result.statusCode)
  result.statusCode = code >= 0 ? code : 200
  if (!result.header && result.headers) result.header = result.headers
  if (api == 'downloadFile') result.tempFilePath = result.tempFilePath || result.apFilePath || result.filePath
  if (!result.errMsg) result.errMsg = api + ':ok'
  return result
}
