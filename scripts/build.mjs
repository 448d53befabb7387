// `npm run build`, also run by `prepare` (so `npm install` in a clone, `npm pack` and a git
// dependency all build): compiles src/ to dist/ and copies the Swagger UI files Brisk serves into
// vendor/swagger-ui/. Both folders are emptied first, so a file deleted from src/ or dropped from
// the list below cannot linger into a package.
//
// Why copy rather than depend on swagger-ui-dist: that package depends on @scarf/scarf, whose
// postinstall script reports every install to Scarf's servers. As a devDependency it is installed
// only here, where package.json's scarfSettings and allowScripts turn it off; users of Brisk get
// the files inside Brisk's own package and never install it. See docs/install.md.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const require = createRequire(import.meta.url)

// What src/openapi/docs-assets.ts serves (bundle, CSS, icon, the OAuth2 redirect script), then the
// licence files Apache-2.0 asks to travel with them: swagger-ui's LICENSE and NOTICE, and the
// notices of the libraries inside the bundle, which its last line points to by this name.
const SWAGGER_UI_FILES = [
  'swagger-ui-bundle.js',
  'swagger-ui.css',
  'favicon-32x32.png',
  'oauth2-redirect.js',
  'LICENSE',
  'NOTICE',
  'swagger-ui-bundle.js.LICENSE.txt',
]

compile()
vendorSwaggerUi()

function compile() {
  const tsc = devDependency('typescript/bin/tsc')
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true })
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function vendorSwaggerUi() {
  const from = dirname(devDependency('swagger-ui-dist/package.json'))
  const to = join(ROOT, 'vendor', 'swagger-ui')
  rmSync(to, { recursive: true, force: true })
  mkdirSync(to, { recursive: true })
  for (const file of SWAGGER_UI_FILES) copyFileSync(join(from, file), join(to, file))
  // Which release is inside: the copy has no package.json of its own (one would name the
  // @scarf/scarf dependency this copy exists to avoid).
  const { version } = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'))
  writeFileSync(join(to, 'VERSION'), `swagger-ui-dist ${version}\n`)
}

// `npm pack` in a fresh clone runs this before any `npm install`: say so rather than pack nothing.
function devDependency(specifier) {
  try {
    return require.resolve(specifier)
  } catch {
    console.error(
      `Building Brisk needs its dev dependencies (${specifier} is missing): run npm install first.`,
    )
    process.exit(1)
  }
}
