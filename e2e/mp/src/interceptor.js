/**
 * Runs `upload()` with an app-wide uni.addInterceptor on uploadFile that adds a header, then
 * removes it (both page variants use it: src/ and bench-direct/).
 */
export async function withHeaderInterceptor(upload) {
  const interceptor = {
    invoke(args) {
      args.header = { ...args.header, 'X-Intercepted': 'yes' }
    },
  }
  uni.addInterceptor('uploadFile', interceptor)
  try {
    return await upload()
  } finally {
    uni.removeInterceptor('uploadFile', interceptor)
  }
}
