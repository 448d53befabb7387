/** What the parent drives of an app mounted in it: its startup and shutdown (see app-runtime.ts). */
export interface MountedLife {
  startup(): Promise<void>
  shutdown(): Promise<void>
}

/**
 * Starts mounted apps in mount order. When one fails, those already started are stopped in
 * reverse order and the failure is rethrown, so a failed startup leaves nothing running.
 */
export async function startMounted(apps: readonly MountedLife[]): Promise<void> {
  const started: MountedLife[] = []
  try {
    for (const app of apps) {
      await app.startup()
      started.push(app)
    }
  } catch (error) {
    await stopMounted(started).catch(() => {})
    throw error
  }
}

/**
 * Stops mounted apps in reverse mount order (the last started is the first stopped, as nested
 * lifespans unwind). Every one is stopped even when another fails; the first failure is rethrown
 * once all have run.
 */
export async function stopMounted(apps: readonly MountedLife[]): Promise<void> {
  const failures: unknown[] = []
  for (const app of [...apps].reverse()) {
    try {
      await app.shutdown()
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length === 1) throw failures[0]
  if (failures.length > 1) throw new AggregateError(failures, 'Mounted apps failed to shut down')
}
