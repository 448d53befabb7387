// Preloaded into a documented app the snippet test runs: whatever port the page shows, the app
// listens on a free one on 127.0.0.1 and says where, so the test can call it.
import { App } from 'brisk'

const listen = App.prototype.listen
App.prototype.listen = async function listenOnFreePort(options = {}) {
  const server = await listen.call(this, { ...options, port: 0, host: '127.0.0.1' })
  process.stdout.write(`snippet listening on ${server.url}\n`)
  return server
}
