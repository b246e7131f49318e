/** A consumed `multipartForm` body, fed by an MCP tool's arguments, as the upstream receives it. */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/cli/start-engine.js'
import { collectLogs } from '../support/collect-logs.js'
import { engineFor } from '../support/engine-for.js'
import { startRecordingUpstream, type RecordingUpstream } from '../support/recording-upstream.js'

const CAP = `naftiko: 1.0.0-alpha2
info: {label: Uploads, description: a multipart upload fed by tool arguments}
capability:
  consumes:
    - type: http
      namespace: files
      baseUri: http://127.0.0.1:1/api
      resources:
        - name: uploads
          path: /uploads
          operations:
            - name: upload
              method: POST
              body:
                type: multipartForm
                data:
                  - {name: title, value: '{{title}}'}
                  - {name: kind, value: report}
                  - {name: file, value: '{{content}}', filename: '{{title}}.csv', contentType: text/csv}
  exposes:
    - type: mcp
      namespace: tools
      port: 9090
      tools:
        - name: upload-report
          description: Uploads a CSV report.
          inputParameters:
            - {name: title, type: string, description: Report title.}
            - {name: content, type: string, description: CSV text.}
          call: files.upload
          with: {title: tools.title, content: tools.content}
`

let upstream: RecordingUpstream
let engine: Engine
beforeAll(async () => {
  upstream = await startRecordingUpstream(() => ({ status: 201, body: { id: 'u-1' } }))
  engine = await engineFor(CAP, {
    env: {},
    mcpPort: 0,
    upstreams: new Map([['files', upstream.url]]),
    logDestination: collectLogs().stream,
  })
})
afterAll(async () => {
  await engine?.close()
  await upstream?.close()
})

describe('multipartForm request bodies', () => {
  it('sends each part, templated from the tool arguments, as multipart/form-data', async () => {
    const mcp = `${engine.host.listeners[0]!.url}/mcp`
    const client = new Client({ name: 'multipart-test', version: '1.0.0' })
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp)))
    const result = await client.callTool({
      name: 'upload-report',
      arguments: { title: 'Q3 "final"', content: 'month,total\r\njuly,12\r\n' },
    })
    await client.close()
    expect(result.isError).not.toBe(true)
    expect(upstream.requests).toHaveLength(1)
    const req = upstream.requests[0]!
    expect(req.path).toBe('/api/uploads')
    const contentType = String(req.headers['content-type'])
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/)
    const form = await new Response(req.body, {
      headers: { 'content-type': contentType },
    }).formData()
    expect([...form.keys()]).toEqual(['title', 'kind', 'file'])
    expect(form.get('title')).toBe('Q3 "final"')
    expect(form.get('kind')).toBe('report')
    const file = form.get('file') as File
    expect(file.name).toBe('Q3 "final".csv')
    expect(file.type).toBe('text/csv')
    expect(await file.text()).toBe('month,total\r\njuly,12\r\n')
  })
})
