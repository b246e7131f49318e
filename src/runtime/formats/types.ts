/**
 * Response decoders: upstream bytes → a JSON-like document for output mapping (engine-inventory §2.13).
 * A decoder is prepared once at load (schemas, selectors) and then decodes each response body.
 */

/** What a decoder needs besides the bytes; side effects (schema files, YAML) come in as parameters. */
export interface DecoderOptions {
  /** The operation's `outputSchema`: CSS selector (html), heading prefix (markdown), schema path (avro, protobuf). */
  readonly outputSchema?: string | undefined
  /** YAML parser for `yaml` bodies and markdown front matter (wired to src/spec's parser by the caller). */
  readonly parseYaml?: ((text: string) => unknown) | undefined
  /** Reads a schema file named by `outputSchema` (avro `.avsc`, protobuf `.proto`); called at prepare time. */
  readonly readSchema?: ((path: string) => string) | undefined
}

/** Decodes one response body; throws EngineError('UPSTREAM_INVALID_RESPONSE') on malformed input. */
export type Decoder = (bytes: Uint8Array) => unknown

/**
 * Prepares a decoder for one operation. Throws EngineError('INTERNAL') when the options are unusable
 * (missing schema file, unsupported selector): callers run it at load to report the problem early.
 */
export type DecoderFactory = (options: DecoderOptions) => Decoder
