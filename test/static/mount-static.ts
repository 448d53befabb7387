// Serves a StaticFiles under a prefix the way the app's mount entries hand a request to a mount
// target (src/pipeline/dispatch.ts): `ctx.path` becomes the part below the prefix, the prefix joins
// `ctx.rootPath`, and refusals go to the exception handlers (here the default one, FastAPI's JSON).
// A stand-in for `app.mount(prefix, staticFiles(...))` until mounting lands on this branch.
import { type App, HTTPException, httpExceptionHandler, type StaticFiles } from '../../src/index.js'

export function mountStatic(app: App, prefix: string, files: StaticFiles): App {
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith(`${prefix}/`)) return next()
    ctx.rootPath += prefix
    ctx.path = ctx.path.slice(prefix.length)
    try {
      return await files.serve(ctx)
    } catch (error) {
      if (error instanceof HTTPException) return httpExceptionHandler(ctx, error)
      throw error
    }
  })
  return app
}
