import { createRequire } from 'node:module'
import type protobuf from 'protobufjs'
import type { DecoderFactory } from './types.js'
import { badOption, invalidResponse } from './invalid-response.js'
import { plainValue } from './plain-value.js'

/**
 * `protobuf`: `outputSchema` is `file.proto#package.Message` (the message defaults to the first
 * one declared in the file, as Jackson's loader does). Fields keep their .proto names; enums are
 * names, bytes base64, 64-bit integers numbers when safe; absent fields take their defaults.
 */
export const decodeProtobuf: DecoderFactory = (options) => {
  const schema = options.outputSchema?.trim() ?? ''
  if (schema === '')
    throw badOption(
      'protobuf',
      'outputSchema must name the .proto file, e.g. "records.proto#shop.RecordList"',
    )
  if (options.readSchema === undefined)
    throw badOption('protobuf', 'no schema reader was provided to the decoder')
  const hash = schema.indexOf('#')
  const path = hash < 0 ? schema : schema.slice(0, hash)
  const messageName = hash < 0 ? undefined : schema.slice(hash + 1)
  let text: string
  try {
    text = options.readSchema(path)
  } catch (error) {
    throw badOption('protobuf', `cannot read schema file ${path}`, error)
  }
  const type = loadMessage(text, path, messageName)
  return (bytes) => {
    let message: protobuf.Message
    try {
      message = type.decode(bytes)
    } catch (error) {
      throw invalidResponse(
        'Protobuf',
        `${(error as Error).message} (message ${type.fullName.slice(1)})`,
      )
    }
    return plainValue(
      type.toObject(message, {
        enums: String,
        bytes: Uint8Array,
        defaults: true,
        arrays: true,
        objects: true,
      }),
    )
  }
}

function loadMessage(text: string, path: string, messageName: string | undefined): protobuf.Type {
  let root: protobuf.Root
  try {
    const parsed = lib().parse(text, new (lib().Root)(), { keepCase: true })
    root = parsed.root
    for (const name of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
      const common = lib().common.get(name) as protobuf.INamespace | null
      if (common === null)
        throw new Error(`import "${name}" is not supported: put the messages in one .proto file`)
      root.addJSON(common.nested ?? {})
    }
    root.resolveAll()
  } catch (error) {
    throw badOption(
      'protobuf',
      `schema file ${path} is not a valid .proto file: ${(error as Error).message}`,
    )
  }
  if (messageName !== undefined && messageName !== '') {
    try {
      return root.lookupType(messageName)
    } catch {
      throw badOption('protobuf', `schema file ${path} declares no message ${messageName}`)
    }
  }
  const first = firstType(root)
  if (first === undefined) throw badOption('protobuf', `schema file ${path} declares no message`)
  return first
}

function firstType(namespace: protobuf.NamespaceBase): protobuf.Type | undefined {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof lib().Type) return nested
    if (nested instanceof lib().Namespace) {
      const found = firstType(nested)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Loaded on first use, so engines that never decode protobuf do not pay for the library at start-up. */
function lib(): typeof protobuf {
  return createRequire(import.meta.url)('protobufjs') as typeof protobuf
}
