/** The repo's examples/seeds (what `npm start` serves and most tests load) are the mission's seeds, unchanged. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SHARED_SEEDS = join(ROOT, '..', 'shared', 'seeds')
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
