// Every TypeScript snippet in the README and docs/ is type-checked as a module of a user's project
// (the compiler options `tsc --init` writes, against the built package by its name), and the ones
// that are whole apps (their visible code has `new App(` and `.listen(`) are run and asked for their OpenAPI document and
// docs page. The syntax for hidden lines and skips is in markdown-snippets.ts.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import ts from 'typescript'
import { waitForOutput } from '../child-process.js'
import { parseSnippets, readSnippets, type Snippet } from './markdown-snippets.js'

const ROOT = resolve(import.meta.dirname, '../..')
// Inside the repository (not the system temp folder), so `import 'brisk'` resolves to this package
// by its own name, as it does in a user's project.
const OUT = join(ROOT, '.doc-snippets')
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** One checked module: a snippet and the snippets that continue it. */
interface Module {
  readonly file: string
  readonly text: string
  /** Maps a 0-based line of `text` to its page and 1-based page line, or undefined for hidden lines. */
  readonly origin: ReadonlyArray<{ page: string; line: number } | undefined>
  readonly isApp: boolean
}

function modulesOf(
  page: string,
  snippets = readSnippets(ROOT, page),
): { modules: Module[]; skipped: Snippet[] } {
  const modules: Array<{ snippets: Snippet[] }> = []
  const skipped: Snippet[] = []
  for (const snippet of snippets) {
    if (snippet.directive === 'skip') skipped.push(snippet)
    else if (snippet.directive === 'continues') {
      const previous = modules.at(-1)
      if (!previous) throw new Error(`${page}:${snippet.line}: "continues" with no snippet before it`)
      previous.snippets.push(snippet)
    } else modules.push({ snippets: [snippet] })
  }
  return {
    skipped,
    modules: modules.map(({ snippets }, index) => {
      const lines: string[] = []
      const origin: Module['origin'][number][] = []
      for (const snippet of snippets) {
        for (const hidden of snippet.hidden ? snippet.hidden.split('\n') : []) {
          lines.push(hidden)
          origin.push(undefined)
        }
        snippet.code.split('\n').forEach((code, offset) => {
          lines.push(code)
          origin.push({ page, line: snippet.line + offset })
        })
      }
      const text = `${lines.join('\n')}\n`
      // A whole app is one the page shows entirely: its own `new App(` and `.listen(`.
      const shown = snippets.map((snippet) => snippet.code).join('\n')
      const file = join(OUT, `${page.replace(/[/.]/g, '_')}_${index + 1}.ts`)
      return { file, text, origin, isApp: /new App\(/.test(shown) && /\.listen\(/.test(shown) }
    }),
  }
}

const pages = PAGES.map((page) => ({ page, ...modulesOf(page) }))
const modules = pages.flatMap((page) => page.modules)

/** `tsc --init`'s options (TypeScript 6), with Node's types as a server project adds them. */
const USER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ESNext,
  types: ['node'],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: true,
  moduleDetection: ts.ModuleDetectionKind.Force,
  skipLibCheck: true,
  noEmit: true,
}

/** Type-checks the modules (written to disk) together; one line per problem, at its page line. */
function typeCheck(checked: Module[]): string[] {
  const program = ts.createProgram(
    checked.map((module) => module.file),
    USER_OPTIONS,
  )
  const byFile = new Map(checked.map((module) => [module.file, module]))
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const module = diagnostic.file && byFile.get(diagnostic.file.fileName)
    return module ? where(module, diagnostic) : ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  })
  return [...new Set(problems)]
}

function where(module: Module, diagnostic: ts.Diagnostic): string {
  const start = diagnostic.start ?? 0
  const line = diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(start).line : 0
  const origin = module.origin[line]
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  const source = module.text.split('\n')[line]?.trim()
  return `${origin ? `${origin.page}:${origin.line}` : `${module.file} (hidden line ${line + 1})`}: ${text}\n    ${source}`
}

describe('the snippets in README.md and docs/', () => {
  before(() => {
    assert.ok(
      existsSync(join(ROOT, 'dist/index.d.ts')),
      'the snippets are checked against the built package: npm run build',
    )
    rmSync(OUT, { recursive: true, force: true })
    mkdirSync(OUT, { recursive: true })
    for (const module of modules) writeFileSync(module.file, module.text)
  })
  after(() => rmSync(OUT, { recursive: true, force: true }))

  test('every skipped snippet says why, and most are checked', () => {
    const skipped = pages.flatMap((page) => page.skipped)
    assert.ok(modules.length > 20, `only ${modules.length} snippets found`)
    assert.ok(skipped.length <= modules.length / 4, `${skipped.length} snippets skipped`)
  })

  test('every snippet type-checks as a module of a user project', () => {
    const problems = typeCheck(modules)
    assert.equal(problems.length, 0, `\n${problems.join('\n')}`)
  })

  test('a type error is reported at its line of the page, hidden lines counted out', () => {
    const page = 'docs/example.md'
    const markdown = [
      '# Example',
      '',
      '<!-- snippet',
      'const hidden = 1',
      '-->',
      '```ts',
      'const n: number = hidden',
      "const s: number = 'text'",
      '```',
      '',
    ].join('\n')
    const { modules: sample } = modulesOf(page, parseSnippets(page, markdown))
    for (const module of sample) writeFileSync(module.file, module.text)
    const problems = typeCheck(sample)
    assert.equal(problems.length, 1)
    assert.match(
      problems[0] as string,
      /^docs\/example\.md:8: Type 'string' is not assignable to type 'number'/,
    )
  })

  for (const module of modules.filter((candidate) => candidate.isApp)) {
    const origin = module.origin.find((line) => line !== undefined)
    test(`the app at ${origin?.page}:${origin?.line} serves its OpenAPI document and docs`, async () => {
      const url = await start(module.file)
      try {
        const openapi = await fetch(`${url.href}/openapi.json`)
        assert.equal(openapi.status, 200)
        const document = (await openapi.json()) as { openapi: string; paths: object }
        assert.match(document.openapi, /^3\./)
        assert.ok(Object.keys(document.paths).length > 0)
        assert.equal((await fetch(`${url.href}/docs`)).status, 200)
      } finally {
        url.stop()
      }
    })
  }
})

/** Runs a snippet file with tsx, listening on a free port; resolves with its URL. */
async function start(file: string): Promise<{ href: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './test/docs/listen-on-free-port.mjs', file],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  try {
    const [, href] = await waitForOutput(child, /snippet listening on (\S+)/)
    return { href: href as string, stop: () => child.kill('SIGKILL') }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}
