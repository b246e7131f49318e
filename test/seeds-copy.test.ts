/** The repo's examples/seeds (what `npm start` serves and most tests load) are the mission's seeds, unchanged. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SHARED_ROOT } from './support/shared-root.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SHARED_SEEDS = join(SHARED_ROOT, 'seeds')
const COPY = join(ROOT, 'examples', 'seeds')

describe('examples/seeds', () => {
  it('holds exactly the files of ../shared/seeds, byte for byte', () => {
    const shared = readdirSync(SHARED_SEEDS).sort()
    expect(readdirSync(COPY).sort()).toEqual(shared)
    for (const name of shared)
      expect(
        readFileSync(join(COPY, name)).equals(readFileSync(join(SHARED_SEEDS, name))),
        name,
      ).toBe(true)
  })
})
