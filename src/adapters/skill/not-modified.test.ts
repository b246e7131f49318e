import { describe, expect, it } from 'vitest'
import { fileEtag, isNotModified, treeEtag } from './not-modified.js'

const MTIME = new Date('2026-11-23T10:00:00.750Z')
const TAG = fileEtag(1234, MTIME)

describe('conditional GET of a skill file', () => {
  it('tags a file by size and mtime, weakly', () => {
    expect(TAG).toBe(`W/"4d2-${MTIME.getTime().toString(16)}"`)
    expect(fileEtag(1235, MTIME)).not.toBe(TAG)
  })

  it('is current when If-None-Match lists the tag, weak or strong, or is *', () => {
    expect(isNotModified({ 'if-none-match': TAG }, TAG, MTIME)).toBe(true)
    expect(isNotModified({ 'if-none-match': `"x", ${TAG.slice(2)}` }, TAG, MTIME)).toBe(true)
    expect(isNotModified({ 'if-none-match': '*' }, TAG, MTIME)).toBe(true)
    expect(isNotModified({ 'if-none-match': 'W/"other"' }, TAG, MTIME)).toBe(false)
  })

  it('uses If-Modified-Since only without If-None-Match, at whole seconds', () => {
    const http = MTIME.toUTCString()
    expect(isNotModified({ 'if-modified-since': http }, TAG, MTIME)).toBe(true)
    expect(
      isNotModified(
        { 'if-modified-since': new Date(MTIME.getTime() - 1000).toUTCString() },
        TAG,
        MTIME,
      ),
    ).toBe(false)
    expect(isNotModified({ 'if-modified-since': 'yesterday' }, TAG, MTIME)).toBe(false)
    expect(
      isNotModified({ 'if-none-match': 'W/"other"', 'if-modified-since': http }, TAG, MTIME),
    ).toBe(false)
  })
})

describe('treeEtag', () => {
  const files = [
    { path: 'SKILL.md', size: 10, mtime: MTIME },
    { path: 'guides/a.md', size: 20, mtime: MTIME },
  ]
  it('changes when a file is added, removed, resized, touched or renamed', () => {
    const tag = treeEtag(files)
    expect(treeEtag([...files])).toBe(tag)
    for (const other of [
      [...files, { path: 'guides/b.md', size: 1, mtime: MTIME }],
      files.slice(1),
      [files[0]!, { ...files[1]!, size: 21 }],
      [files[0]!, { ...files[1]!, mtime: new Date(MTIME.getTime() + 1) }],
      [files[0]!, { ...files[1]!, path: 'guides/c.md' }],
    ])
      expect(treeEtag(other)).not.toBe(tag)
  })

  it('is matched by If-None-Match only: a set of files has no date to compare', () => {
    const tag = treeEtag(files)
    expect(isNotModified({ 'if-none-match': tag }, tag, undefined)).toBe(true)
    expect(
      isNotModified(
        { 'if-modified-since': new Date(Date.now() + 60_000).toUTCString() },
        tag,
        undefined,
      ),
    ).toBe(false)
  })
})
