import { createApp } from './app.js'

/**
 * What `brisk run examples/shop/server.ts` serves (`npm start`): the shop with the settings of the
 * environment. Importing it starts nothing; the CLI listens.
 */
export const app = createApp()
