import { describe, expect, it } from 'vitest'
import { encodeMultipart } from './encode-multipart.js'

/** Parses the body back with the platform's own multipart reader (undici's Response.formData). */
async function parse(parts: Parameters<typeof encodeMultipart>[0]): Promise<FormData> {
  const { body, contentType } = encodeMultipart(parts)
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: { 'content-type': contentType },
  }).formData()
}

describe('multipart/form-data bodies', () => {
  it('round-trips plain fields and file parts, with their names, file names and types', async () => {
    const form = await parse([
      { name: 'title', value: 'Quarterly report — été' },
      { name: 'file', value: 'a,b\n1,2\n', filename: 'report.csv', contentType: 'text/csv' },
    ])
    expect(form.get('title')).toBe('Quarterly report — été')
    const file = form.get('file') as File
    expect(file.name).toBe('report.csv')
    expect(file.type).toBe('text/csv')
    expect(await file.text()).toBe('a,b\n1,2\n')
  })

  it('keeps a value that contains boundary-like lines and CRLFs intact', async () => {
    const tricky = '--capstan-0000\r\n\r\nContent-Disposition: form-data; name="x"\r\n--'
    const form = await parse([
      { name: 'x', value: tricky },
      { name: 'y', value: '' },
    ])
    expect(form.get('x')).toBe(tricky)
    expect(form.get('y')).toBe('')
  })

  it('escapes quotes and newlines in names: one part, its names read back exactly', async () => {
    const form = await parse([
      {
        name: 'a"\r\nX-Injected: 1',
        value: 'v',
        filename: 'f"\r\n.txt',
        contentType: 'text/plain',
      },
    ])
    const keys = [...form.keys()]
    expect(keys).toEqual(['a"\r\nX-Injected: 1'])
    expect((form.get(keys[0]!) as File).name).toBe('f"\r\n.txt')
    const raw = Buffer.from(
      encodeMultipart([{ name: 'a"\r\nX-Injected: 1', value: 'v' }]).body,
    ).toString()
    expect(raw).not.toMatch(/^X-Injected/m)
  })
})
