import type { DecoderFactory } from './types.js'
import { badOption, invalidResponse, utf8Text } from './invalid-response.js'

/** `yaml`: parsed by the injected YAML parser (only src/spec imports the yaml package). */
export const decodeYaml: DecoderFactory = (options) => {
  const parseYaml = options.parseYaml
  if (parseYaml === undefined) throw badOption('yaml', 'no YAML parser was provided to the decoder')
  return (bytes) => {
    const text = utf8Text(bytes)
    try {
      return parseYaml(text) ?? null
    } catch (error) {
      throw invalidResponse('YAML', firstLine((error as Error).message))
    }
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').slice(0, 120)
}
