// What `npm pack` puts in Brisk's tarball, the package a user installs: every entry point,
// its types, the `brisk` executable and the licences, source maps that lead to shipped sources,
// none of the repository's tests or benchmarks, and no dependency that runs an install script.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative, sep } from 'node:path'
import { before, describe, test } from 'node:test'
import { docsAssetNames } from '../../src/openapi/docs-assets.js'
import { type PackReport, pack, ROOT, run } from './npm.js'

interface PackageJson {
  license: string
  main: string
  types: string
  bin: Record<string, string>
  exports: Record<string, { types: string; default: string }>
  dependencies: Record<string, string>
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson

describe('npm pack', () => {
  let report: PackReport
  let packed: Set<string>

  before(async () => {
    report = await pack({ dryRun: true })
    packed = new Set(report.files.map((file) => file.path))
  })

  test('ships every file package.json points at: main, types, each export and the bin', () => {
    const entries = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((entry) => [entry.types, entry.default]),
    ].map((path) => posix.normalize(path))
    assert.ok(entries.includes('dist/security/index.js'), 'the brisk/security subpath is exported')
    assert.ok(entries.includes('dist/middleware/index.js'), 'the brisk/middleware subpath is exported')
    assert.deepEqual(
      entries.filter((path) => !packed.has(path)),
      [],
    )
  })

  test('every module of src/ ships compiled, with its types and the source it was built from', () => {
    const missing = sourceFiles(join(ROOT, 'src')).flatMap((source) => {
      const built = source.replace(/^src\//, 'dist/').replace(/\.ts$/, '')
      return [source, `${built}.js`, `${built}.d.ts`].filter((path) => !packed.has(path))
    })
    assert.deepEqual(missing, [])
  })

  test('the brisk executable starts with a node shebang', () => {
    const bin = readFileSync(join(ROOT, manifest.bin.brisk!), 'utf8')
    assert.match(bin, /^#!\/usr\/bin\/env node\n/)
  })

  test("source maps and declaration maps name only shipped files, so stack traces and go-to-definition land on Brisk's source", () => {
    const maps = [...packed].filter((path) => path.endsWith('.map'))
    assert.ok(maps.length > 100, `${maps.length} maps`)
    const unshipped = maps.flatMap((map) => {
      const { sources, sourceRoot = '' } = JSON.parse(readFileSync(join(ROOT, map), 'utf8')) as {
        sources: string[]
        sourceRoot?: string
      }
      return sources
        .map((source) => posix.join(posix.dirname(map), sourceRoot, source))
        .filter((path) => !packed.has(path))
    })
    assert.deepEqual(unshipped, [])
  })

  test("ships Brisk's licence, and Swagger UI's files with its Apache-2.0 licence and notices", () => {
    assert.equal(manifest.license, 'MIT')
    assert.ok(packed.has('LICENSE'))
    const served = docsAssetNames.filter((name) => !name.startsWith('redoc'))
    for (const file of [
      ...served,
      'oauth2-redirect.js',
      'LICENSE',
      'NOTICE',
      'swagger-ui-bundle.js.LICENSE.txt',
    ]) {
      assert.ok(packed.has(`vendor/swagger-ui/${file}`), file)
    }
  })

  test('holds nothing of the tests, benchmarks, examples, scripts or scratch files', () => {
    const top = new Set([...packed].map((path) => path.split('/')[0]))
    assert.deepEqual(
      [...top].sort(),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json', 'src', 'vendor'].sort(),
    )
    assert.deepEqual(
      [...packed].filter((path) => /\.test\.|(^|\/)(test|bench|examples|\.scratch)\//.test(path)),
      [],
    )
  })
})

describe("Brisk's production dependencies", () => {
  test('leave out swagger-ui-dist, so no user installs @scarf/scarf and its telemetry script', async () => {
    assert.equal(manifest.dependencies['swagger-ui-dist'], undefined)
    const names = (await productionTree()).map((node) => node.name)
    assert.ok(names.includes('zod'), names.join(' '))
    assert.ok(!names.includes('@scarf/scarf'), names.join(' '))
    assert.ok(!names.includes('swagger-ui-dist'), names.join(' '))
  })

  test('run no install script in a user’s project', async () => {
    const withScripts = (await productionTree())
      .filter((node) => node.location !== '')
      .filter(({ scripts = {} }) => scripts.preinstall ?? scripts.install ?? scripts.postinstall)
      .map((node) => `${node.name}: ${JSON.stringify(node.scripts)}`)
    assert.deepEqual(withScripts, [])
  })
})

interface TreeNode {
  name: string
  location: string
  scripts?: Record<string, string>
}

/** Every package a production install of Brisk has, as locked here (`npm query .prod`). */
async function productionTree(): Promise<TreeNode[]> {
  const { stdout } = await run('npm', ['query', '.prod'], { cwd: ROOT })
  return JSON.parse(stdout) as TreeNode[]
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => relative(ROOT, join(dir, path)).split(sep).join('/'))
    .sort()
}
