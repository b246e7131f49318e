/** The exposed inputs of one plan while it is built. */
import type { Input } from './types.js'

/** Tracks exposed inputs while slots claim or create them. */
export class InputSet {
  readonly inputs = new Map<string, Input>()
  readonly created: string[] = []
  constructor(declared: readonly Input[]) {
    for (const i of declared) this.inputs.set(i.name, i)
  }
  add(input: Input): void {
    if (!this.inputs.has(input.name)) {
      this.inputs.set(input.name, input)
      this.created.push(input.name)
    }
  }
  list(): Input[] {
    return [...this.inputs.values()]
  }
}
