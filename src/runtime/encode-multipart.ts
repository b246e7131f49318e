/** A `multipart/form-data` body (RFC 7578) from rendered parts, with a boundary found in none of them. */
import { createHash } from 'node:crypto'

export interface MultipartPart {
  readonly name: string
  readonly value: string
  readonly filename?: string
  readonly contentType?: string
}

export function encodeMultipart(parts: readonly MultipartPart[]): {
  body: Uint8Array
  contentType: string
} {
  const values = parts.map((p) => Buffer.from(p.value, 'utf8'))
  // Derived from the content, so it cannot be planted in it; the loop is a guard, not a retry.
  const hash = createHash('sha256')
  for (const v of values) hash.update(v)
  let boundary = `capstan-${hash.digest('hex').slice(0, 32)}`
  while (values.some((v) => v.includes(boundary))) boundary += '-'
  const chunks: Buffer[] = []
  parts.forEach((p, i) => {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(p.name)}"`
    if (p.filename !== undefined) head += `; filename="${quoted(p.filename)}"`
    head += '\r\n'
    if (p.contentType !== undefined) head += `Content-Type: ${p.contentType}\r\n`
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), values[i]!, Buffer.from('\r\n'))
  })
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }
}

/** Field and file names as HTML's form encoder writes them: ", CR and LF percent-encoded. */
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
