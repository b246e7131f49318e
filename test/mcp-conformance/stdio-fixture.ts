/** Child process for the stdio test: serves two hand-built tools over stdin/stdout. */
import { pino } from 'pino'
import { createMcpStdioServer } from '../../src/adapters/mcp/mcp-stdio-server.js'
import { expose, input, mockPlan, runtimeDeps, tool } from './mcp-test-kit.js'

const exposes = [
  expose('demo', [tool('echo', mockPlan([input('word', 'string', { required: true })]))]),
]
// Logs must never touch stdout: point the logger at stderr (fd 2), as the host does.
const logger = pino({ level: 'info' }, pino.destination(2))
logger.info('stdio fixture starting')
const handle = createMcpStdioServer(
  exposes,
  { runtime: runtimeDeps(), logger, clock: () => Date.now() },
  { stdin: process.stdin, stdout: process.stdout },
  {
    invoke: (_plan, values) =>
      Promise.resolve({ kind: 'value', status: 200, value: { said: values.word }, headers: {} }),
    onEnd: () => void handle.close().then(() => process.exit(0)),
  },
)
