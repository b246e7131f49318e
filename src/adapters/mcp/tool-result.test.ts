import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { EngineError } from '../../errors.js'
import { streamBody } from '../../runtime/transport/stream-body.js'
import { errorToToolResult, sanitizeBody, toToolResult } from './tool-result.js'

const stream = (text: string, declared?: number) => ({
  kind: 'stream' as const,
  status: 200,
  contentType: 'application/json',
  ...(declared === undefined ? {} : { contentLength: declared }),
  body: streamBody(Readable.from([Buffer.from(text)])),
  headers: {},
})

describe('tool results', () => {
  it('parses a streamed JSON body into text and structuredContent, with or without a length', async () => {
    for (const declared of [undefined, 7]) {
      const r = await toToolResult(stream('{"a":1}', declared))
      expect(r).toEqual({
        content: [{ type: 'text', text: '{"a":1}' }],
        structuredContent: { a: 1 },
        isError: false,
      })
    }
  })

  it('keeps non-JSON text as is and arrays without structuredContent', async () => {
    expect(await toToolResult(stream('<x/>'))).toEqual({
      content: [{ type: 'text', text: '<x/>' }],
      isError: false,
    })
    expect(await toToolResult({ kind: 'value', status: 200, value: [1, 2], headers: {} })).toEqual({
      content: [{ type: 'text', text: '[1,2]' }],
      isError: false,
    })
  })

  it('truncates a long stream with an explicit marker, declared long or not', async () => {
    for (const declared of [undefined, 100]) {
      const r = await toToolResult(stream('x'.repeat(100), declared), 10)
      expect(r.content[0]?.text).toBe(`${'x'.repeat(10)}…[truncated 90 bytes]`)
    }
  })

  it('reports an empty answer without failing', async () => {
    expect(await toToolResult({ kind: 'empty', status: 204, headers: {} })).toEqual({
      content: [{ type: 'text', text: '(no content, HTTP 204)' }],
      isError: false,
    })
  })

  it('bounds and strips control characters from upstream error bodies', () => {
    const body = new TextEncoder().encode(`a\u0000b\u001bc${'z'.repeat(3000)}`)
    const text = sanitizeBody(body, 2048)
    expect(text.startsWith('abcz')).toBe(true)
    expect(text.endsWith(`…[truncated ${body.byteLength - 2048} bytes]`)).toBe(true)
  })

  it('explains unreachable upstreams and leaves unknown errors to the caller', () => {
    const r = errorToToolResult(
      new EngineError('UPSTREAM_UNREACHABLE', 'connect ECONNREFUSED 127.0.0.1:9'),
      (t) => t,
    )
    expect(r).toEqual({
      content: [
        {
          type: 'text',
          text: 'The upstream could not be reached. connect ECONNREFUSED 127.0.0.1:9',
        },
      ],
      isError: true,
    })
    expect(errorToToolResult(new Error('x'), (t) => t)).toBeUndefined()
  })
})
