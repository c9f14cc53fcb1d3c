import { computed } from 'vue'
import type { Ref } from 'vue'
import { useTransferSpeed } from './useTransferSpeed'
import { isAwaitingServer, shownPercent } from './waiting'

/** The refs of a useUpload() the readout needs (pass the whole useUpload() result). */
export interface UploadState {
  status: Readonly<Ref<string>>
  progress: Readonly<Ref<number>>
  totalBytesSent: Readonly<Ref<number | undefined>>
  totalBytesExpectedToSend: Readonly<Ref<number | undefined>>
  isTransferring: Readonly<Ref<boolean>>
}

/**
 * What an upload card shows under its bar: the percent (100 only on success), whether it waits
 * for the server, and speed / seconds left while bytes go up.
 */
export function useUploadReadout(u: UploadState) {
  const waiting = computed(() =>
    isAwaitingServer({
      status: u.status.value,
      progress: u.progress.value,
      sent: u.totalBytesSent.value,
      expected: u.totalBytesExpectedToSend.value,
    }),
  )
  const percent = computed(() => shownPercent(u.status.value, u.progress.value))
  const { speed, secondsLeft } = useTransferSpeed(u.totalBytesSent, u.totalBytesExpectedToSend, u.isTransferring)
  const showSpeed = computed(() => u.status.value === 'transferring' && !waiting.value && speed.value != null)
  return { waiting, percent, speed, secondsLeft, showSpeed }
}
