import type { DecoderFactory } from './types.js'
import { invalidResponse, utf8Text } from './invalid-response.js'

/** `json`: JSON.parse; an empty body is null (Jackson reads it as a missing node). */
export const decodeJson: DecoderFactory = () => (bytes) => {
  const text = utf8Text(bytes)
  if (text.trim() === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))
    const at = position?.[1] === undefined ? 0 : Number(position[1])
    throw invalidResponse(
      'JSON',
      position ? `syntax error at position ${at}` : 'syntax error',
      text,
      at,
    )
  }
}

/** `text`: the body as a UTF-8 string. */
export const decodeText: DecoderFactory = () => (bytes) => utf8Text(bytes)
