import { describe, expect, it } from 'vitest'
import type { ServerResponse } from 'node:http'
import { createSecretMasker, maskResponse, secretPatterns } from './mask-secrets.js'

describe('createSecretMasker', () => {
  it('masks a secret split across chunks, keeping the byte length', () => {
    const m = createSecretMasker(secretPatterns(['sk-ABCDEFGH'])!)
    const input = ['{"echo":"sk-AB', 'CDEF', 'GH","n":1}']
    const out = Buffer.concat([
      ...input.slice(0, 2).map((c) => m.push(Buffer.from(c))),
      m.flush(Buffer.from(input[2]!)),
    ]).toString()
    expect(out).toBe('{"echo":"***********","n":1}')
    expect(out.length).toBe(input.join('').length)
  })
  it('ignores values too short to be secrets', () => {
    expect(secretPatterns(['abc'])).toBeUndefined()
  })
})

describe('maskResponse', () => {
  it("masks headers and body with prepared patterns and never changes the caller's bytes", () => {
    const sent: { head?: unknown[]; body: Buffer[] } = { body: [] }
    const res = {
      setHeader: () => res,
      writeHead: (...args: unknown[]) => ((sent.head = args), res),
      write: (chunk: Buffer) => (sent.body.push(Buffer.from(chunk)), true),
      end: (chunk?: Buffer) => (chunk && sent.body.push(Buffer.from(chunk)), res),
    }
    maskResponse(res as unknown as ServerResponse, secretPatterns(['tok-123456']))
    const first = Buffer.from('{"a":"tok-12')
    const last = Buffer.from('3456"}')
    res.writeHead(200, { 'x-echo': 'tok-123456' })
    res.write(first)
    res.end(last)
    expect(sent.head).toEqual([200, { 'x-echo': '**********' }])
    expect(Buffer.concat(sent.body).toString()).toBe('{"a":"**********"}')
    expect([first.toString(), last.toString()]).toEqual(['{"a":"tok-12', '3456"}'])
  })

  it('leaves the response alone when no secret is bound', () => {
    const res = { write: () => true } as unknown as ServerResponse
    const write = res.write
    maskResponse(res, secretPatterns([]))
    expect(res.write).toBe(write)
  })
})
